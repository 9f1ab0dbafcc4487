import { ApiProperty } from '@nestjs/swagger';
import { OrganizationKind } from '../organization-kind';

export class OrganizationDoc {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Police zone Brussels-Capital/Ixelles' }) name: string;
  @ApiProperty({ enum: OrganizationKind }) kind: OrganizationKind;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}
