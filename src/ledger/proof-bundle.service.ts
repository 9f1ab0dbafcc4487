import { Injectable } from '@nestjs/common';
import { bundleFormat, ProofBundle } from '../../libs/ledger';
import { Actor } from '../auth/actor';
import { ItemsService } from '../items/items.service';
import { LedgerService } from './ledger.service';

/** An item's events with inclusion proofs against the latest checkpoint: what the offline verifier checks. */
@Injectable()
export class ProofBundleService {
  constructor(
    private readonly ledger: LedgerService,
    private readonly items: ItemsService,
  ) {}

  async bundleFor(actor: Actor, code: string): Promise<ProofBundle> {
    const history = await this.items.historyFor(actor, code);
    const item = (await this.items.getFor(actor, code)).code;
    const checkpoint = await this.ledger.requireLatestCheckpoint();
    const anchored = history.filter((event) => event.sequence <= checkpoint.treeSize);
    const proofs = await this.ledger.inclusionProofs(checkpoint.treeSize, anchored.map((event) => event.sequence));
    return {
      format: bundleFormat,
      item,
      checkpoint,
      publicKey: this.ledger.publicKey(),
      events: anchored.map((event) => ({ ...event, inclusionProof: proofs.get(event.sequence)! })),
      unanchoredEvents: history.filter((event) => event.sequence > checkpoint.treeSize),
    };
  }
}
