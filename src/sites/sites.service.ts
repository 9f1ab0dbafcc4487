import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Actor } from '../auth/actor';
import { mayReadSite, siteScope } from '../custody/access';
import { CustodyError, CustodyErrorCode } from '../common/errors/custody-error';
import { OrganizationKind } from '../organizations/organization-kind';
import { OrganizationsService } from '../organizations/organizations.service';
import { CreateSiteDto, UpdateSiteDto } from './dto/site.dto';
import { Site } from './site.entity';
import { markRequestApplied } from '../idempotency/idempotency-context';

export interface SiteView {
  code: string;
  name: string;
  address: string | null;
  organization: { id: string; name: string; kind: OrganizationKind };
  /** The languages of its labels and documents, the primary first. */
  documentLanguages: string[];
  createdAt: Date;
  updatedAt: Date;
}

@Injectable()
export class SitesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organizations: OrganizationsService,
  ) {}

  /** The sites an actor works at; every site for auditors and administrators. */
  async listFor(actor: Actor): Promise<SiteView[]> {
    const scope = siteScope(actor);
    const where = scope === null ? {} : { id: In(scope) };
    const sites = await this.dataSource.manager.find(Site, { where, relations: { organization: true }, order: { code: 'ASC' } });
    return sites.map(toView);
  }

  /** Where evidence can be sent: every site's code, name and kind of organization, nothing more. */
  async directory(): Promise<SiteDirectoryEntry[]> {
    const sites = await this.dataSource.manager.find(Site, { relations: { organization: true }, order: { code: 'ASC' } });
    return sites.map((site) => ({ code: site.code, name: site.name, kind: site.organization.kind, documentLanguages: site.documentLanguages }));
  }

  /** The languages of sites' labels and documents, by site code, the primary first. */
  async documentLanguagesOf(codes: string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, string[]>> {
    const sites = codes.length ? await manager.find(Site, { where: { code: In(codes) }, select: { code: true, documentLanguages: true } }) : [];
    return new Map(sites.map((site) => [site.code, site.documentLanguages]));
  }

  async getFor(actor: Actor, code: string): Promise<SiteView> {
    return toView(await this.requireReadable(actor, code));
  }

  /** A site the actor may see; any other answers 404, so its existence is not revealed. */
  async requireReadable(actor: Actor, code: string, manager = this.dataSource.manager): Promise<Site> {
    const site = await manager.findOne(Site, { where: { code: code.toUpperCase() }, relations: { organization: true } });
    if (!site || !mayReadSite(actor, site.id)) throw CustodyError.notFound(`site ${code}`);
    return site;
  }

  async findIdByCode(code: string, manager: EntityManager = this.dataSource.manager): Promise<string | null> {
    const site = await manager.findOne(Site, { where: { code: code.toUpperCase() }, select: { id: true } });
    return site?.id ?? null;
  }

  async codeOf(siteId: string, manager: EntityManager = this.dataSource.manager): Promise<string> {
    return (await manager.findOneOrFail(Site, { where: { id: siteId }, select: { code: true } })).code;
  }

  async create(dto: CreateSiteDto): Promise<SiteView> {
    const code = await this.dataSource.transaction(async (manager) => {
      await this.organizations.requireExisting(dto.organization, manager);
      if (await this.findIdByCode(dto.code, manager)) {
        throw new CustodyError(CustodyErrorCode.Conflict, `the site code ${dto.code} is taken`, [{ field: 'code', problem: 'is taken' }]);
      }
      const site = manager.create(Site, {
        code: dto.code,
        name: dto.name,
        address: dto.address ?? null,
        organizationId: dto.organization,
        ...(dto.documentLanguages && { documentLanguages: dto.documentLanguages }),
      });
      const saved = await manager.save(Site, site);
      await markRequestApplied(manager);
      return saved.code;
    });
    return toView(await this.loadByCode(code));
  }

  async update(code: string, dto: UpdateSiteDto): Promise<SiteView> {
    await this.dataSource.transaction(async (manager) => {
      const site = await manager.findOne(Site, { where: { code: code.toUpperCase() }, lock: { mode: 'pessimistic_write' } });
      if (!site) throw CustodyError.notFound(`site ${code}`);
      if (dto.organization !== undefined) await this.organizations.requireExisting(dto.organization, manager);
      if (dto.name !== undefined) site.name = dto.name;
      if (dto.address !== undefined) site.address = dto.address;
      if (dto.organization !== undefined) site.organizationId = dto.organization;
      if (dto.documentLanguages !== undefined) site.documentLanguages = dto.documentLanguages;
      await manager.save(Site, site);
    });
    return toView(await this.loadByCode(code));
  }

  private async loadByCode(code: string): Promise<Site> {
    return this.dataSource.manager.findOneOrFail(Site, { where: { code: code.toUpperCase() }, relations: { organization: true } });
  }
}

function toView(site: Site): SiteView {
  const { id, name, kind } = site.organization;
  return {
    code: site.code,
    name: site.name,
    address: site.address,
    organization: { id, name, kind },
    documentLanguages: site.documentLanguages,
    createdAt: site.createdAt,
    updatedAt: site.updatedAt,
  };
}

export interface SiteDirectoryEntry {
  code: string;
  name: string;
  kind: OrganizationKind;
  documentLanguages: string[];
}
