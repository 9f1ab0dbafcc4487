import { ApiProperty } from '@nestjs/swagger';
import { OrganizationKind } from '../../organizations/organization-kind';

class SiteOrganizationDoc {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: OrganizationKind }) kind: OrganizationKind;
}

export class SiteDoc {
  @ApiProperty({ example: 'POL-BRU' }) code: string;
  @ApiProperty({ example: 'Evidence room, Brussels police zone' }) name: string;
  @ApiProperty({ type: String, nullable: true }) address: string | null;
  @ApiProperty({ type: SiteOrganizationDoc }) organization: SiteOrganizationDoc;
  @ApiProperty({ type: [String], example: ['fr', 'nl'], description: 'Languages of its labels and documents, the primary first' }) documentLanguages: string[];
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class SiteDirectoryEntryDoc {
  @ApiProperty({ example: 'TPI-BRU' }) code: string;
  @ApiProperty({ example: 'Registry, court of first instance of Brussels' }) name: string;
  @ApiProperty({ enum: OrganizationKind }) kind: OrganizationKind;
  @ApiProperty({ type: [String], example: ['fr', 'nl'], description: 'Languages of its labels and documents, the primary first' }) documentLanguages: string[];
}
