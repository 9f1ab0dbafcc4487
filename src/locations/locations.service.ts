import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CodeKind } from '../../libs/codes';
import { Actor } from '../auth/actor';
import { mayReadSite } from '../custody/access';
import { nextCode } from '../common/barcode-numbers';
import { requireCode } from '../common/scanned-code';
import { CustodyError, CustodyErrorCode } from '../common/errors/custody-error';
import { SitesService } from '../sites/sites.service';
import { CreateLocationDto, UpdateLocationDto } from './dto/location.dto';
import { buildTree, LocationNode, parentKindOf } from './location-tree';
import { Location, LocationKind } from './location.entity';
import { markRequestApplied } from '../idempotency/idempotency-context';

export interface LocationView {
  code: string;
  name: string;
  kind: LocationKind;
  site: string;
  parent: string | null;
  /** Names from the room down, e.g. "Main room › Shelf 2 › Bin B". */
  path: string;
}

@Injectable()
export class LocationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sites: SitesService,
  ) {}

  async treeFor(actor: Actor, siteCode: string): Promise<LocationNode[]> {
    const site = await this.sites.requireReadable(actor, siteCode);
    return buildTree(await this.dataSource.manager.find(Location, { where: { siteId: site.id } }));
  }

  async getFor(actor: Actor, code: string): Promise<LocationView> {
    return this.view(this.dataSource.manager, await this.findReadable(actor, code, 'code'));
  }

  /** A location of a site the actor may see; 400 for a malformed code, 404 for any other. */
  async findReadable(actor: Actor, scanned: string, field: string): Promise<Location> {
    const location = await this.findByCode(this.dataSource.manager, scanned, field);
    if (!location || !mayReadSite(actor, location.siteId)) throw CustodyError.notFound(`location ${scanned.trim()}`);
    return location;
  }

  async codeOf(manager: EntityManager, locationId: string): Promise<string> {
    return (await manager.findOneOrFail(Location, { where: { id: locationId }, select: { code: true } })).code;
  }

  /** The location a scan names, for storing an item of `siteId` there; 400 naming `field` otherwise. */
  async requireAtSite(manager: EntityManager, scanned: string, siteId: string, field: string): Promise<Location> {
    const location = await this.findByCode(manager, scanned, field);
    if (!location) throw CustodyError.invalid(field, 'names no location');
    if (location.siteId !== siteId) throw CustodyError.invalid(field, `is a location of another site; an item moves only within its own site`);
    return location;
  }

  async create(actor: Actor, siteCode: string, dto: CreateLocationDto): Promise<LocationView> {
    return this.dataSource.transaction(async (manager) => {
      const site = await this.sites.requireReadable(actor, siteCode, manager);
      const expectedParentKind = parentKindOf(dto.kind);
      let parent: Location | null = null;
      if (dto.parent !== undefined) {
        parent = await this.findByCode(manager, dto.parent, 'parent');
        if (!parent || parent.siteId !== site.id) throw CustodyError.invalid('parent', `names no location of site ${site.code}`);
      }
      if (expectedParentKind === null && parent) throw CustodyError.invalid('parent', `must be absent: a ${dto.kind} is at the top of a site`);
      if (expectedParentKind !== null && parent?.kind !== expectedParentKind) {
        throw CustodyError.invalid('parent', `must be a ${expectedParentKind}: a ${dto.kind} goes in a ${expectedParentKind}`);
      }
      await this.requireFreeName(manager, site.id, parent?.id ?? null, dto.name);
      const code = await nextCode(manager, CodeKind.Location);
      const location = await manager.save(
        Location,
        manager.create(Location, { code, name: dto.name, kind: dto.kind, siteId: site.id, parentId: parent?.id ?? null }),
      );
      await markRequestApplied(manager);
      return this.view(manager, location);
    });
  }

  async rename(actor: Actor, code: string, dto: UpdateLocationDto): Promise<LocationView> {
    return this.dataSource.transaction(async (manager) => {
      const location = await this.findByCode(manager, code, 'code', true);
      if (!location || !mayReadSite(actor, location.siteId)) throw CustodyError.notFound(`location ${code}`);
      if (location.name.toLowerCase() !== dto.name.toLowerCase()) await this.requireFreeName(manager, location.siteId, location.parentId, dto.name);
      location.name = dto.name;
      return this.view(manager, await manager.save(Location, location));
    });
  }

  private findByCode(manager: EntityManager, scanned: string, field: string, lock = false): Promise<Location | null> {
    const code = requireCode(scanned, CodeKind.Location, field);
    return manager.findOne(Location, { where: { code }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  private async requireFreeName(manager: EntityManager, siteId: string, parentId: string | null, name: string): Promise<void> {
    const taken = await manager
      .createQueryBuilder(Location, 'location')
      .where('location.site_id = :siteId', { siteId })
      .andWhere(parentId ? 'location.parent_id = :parentId' : 'location.parent_id IS NULL', { parentId })
      .andWhere('lower(location.name) = lower(:name)', { name })
      .getExists();
    if (taken)
      throw new CustodyError(CustodyErrorCode.Conflict, `"${name}" is already used at this level`, [
        { field: 'name', problem: 'is already used at this level' },
      ]);
  }

  private async view(manager: EntityManager, location: Location): Promise<LocationView> {
    const ancestors: Location[] = [];
    for (let parentId = location.parentId; parentId;) {
      const parent = await manager.findOneByOrFail(Location, { id: parentId });
      ancestors.unshift(parent);
      parentId = parent.parentId;
    }
    const site = await this.sites.codeOf(location.siteId, manager);
    return {
      code: location.code,
      name: location.name,
      kind: location.kind,
      site,
      parent: ancestors.at(-1)?.code ?? null,
      path: [...ancestors, location].map((each) => each.name).join(' › '),
    };
  }
}
