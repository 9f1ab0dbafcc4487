import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { CustodyError } from '../common/errors/custody-error';
import { Page, PageQuery, pageOf } from '../common/pagination';
import { CreateOrganizationDto, UpdateOrganizationDto } from './dto/organization.dto';
import { Organization } from './organization.entity';

@Injectable()
export class OrganizationsService {
  constructor(@InjectRepository(Organization) private readonly organizations: Repository<Organization>) {}

  async list(query: PageQuery): Promise<Page<Organization>> {
    const [rows, total] = await this.organizations.findAndCount({ order: { name: 'ASC', id: 'ASC' }, skip: query.offset, take: query.pageSize });
    return pageOf(rows, total, query);
  }

  async get(id: string): Promise<Organization> {
    const organization = await this.organizations.findOneBy({ id });
    if (!organization) throw CustodyError.notFound(`organization ${id}`);
    return organization;
  }

  /** Refuses, as bad input of `organization`, an id that names no organization. */
  async requireExisting(id: string, manager: EntityManager = this.organizations.manager): Promise<void> {
    if (!(await manager.existsBy(Organization, { id }))) throw CustodyError.invalid('organization', `names no organization: "${id}"`);
  }

  create(dto: CreateOrganizationDto): Promise<Organization> {
    return this.organizations.save(this.organizations.create(dto));
  }

  async update(id: string, dto: UpdateOrganizationDto): Promise<Organization> {
    const organization = await this.get(id);
    return this.organizations.save(this.organizations.merge(organization, dto));
  }
}
