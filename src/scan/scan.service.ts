import { Injectable } from '@nestjs/common';
import { CodeKind, parseCode } from '../../libs/codes';
import { Actor } from '../auth/actor';
import { CustodyError } from '../common/errors/custody-error';
import { ItemsService } from '../items/items.service';
import { LocationsService } from '../locations/locations.service';
import { SeizuresService } from '../seizures/seizures.service';
import { TransfersService } from '../transfers/transfers.service';

/** One endpoint for whatever a scanner read: the kind of thing and the thing itself. */
@Injectable()
export class ScanService {
  constructor(
    private readonly items: ItemsService,
    private readonly locations: LocationsService,
    private readonly seizures: SeizuresService,
    private readonly transfers: TransfersService,
  ) {}

  async resolve(actor: Actor, scanned: string): Promise<{ kind: CodeKind; code: string; [field: string]: unknown }> {
    const parsed = parseCode(scanned);
    if (!parsed.ok) throw CustodyError.invalid('code', parsed.problem);
    switch (parsed.kind) {
      case CodeKind.Item:
        return { kind: parsed.kind, ...(await this.items.getFor(actor, parsed.code)) };
      case CodeKind.Location: {
        // the location's own kind (room, shelf, bin) would clash with the kind of code
        const { kind: locationKind, ...location } = await this.locations.getFor(actor, parsed.code);
        return { kind: parsed.kind, ...location, locationKind };
      }
      case CodeKind.Seizure:
        return { kind: parsed.kind, ...(await this.seizures.getFor(actor, parsed.code)) };
      case CodeKind.Transfer:
        return { kind: parsed.kind, ...(await this.transfers.getFor(actor, parsed.code)) };
    }
  }
}
