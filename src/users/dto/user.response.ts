import { ApiProperty } from '@nestjs/swagger';
import { Role } from '../../auth/role';
import { Language } from '../language';

export class UserRoleDoc {
  @ApiProperty({ enum: Role }) role: Role;
  @ApiProperty({ type: String, nullable: true, example: 'POL-BRU' }) site: string | null;
}

export class UserDoc {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'jdupont' }) username: string;
  @ApiProperty({ example: 'Jeanne Dupont' }) displayName: string;
  @ApiProperty({ enum: Language, description: 'The language of the user’s screens' }) language: Language;
  @ApiProperty() disabled: boolean;
  @ApiProperty({ type: Date, nullable: true, description: 'Set while the account is locked after wrong passwords' }) lockedUntil: Date | null;
  @ApiProperty({ description: 'An authenticator app is enrolled as the second factor' }) secondFactorEnrolled: boolean;
  @ApiProperty({ type: [UserRoleDoc] }) roles: UserRoleDoc[];
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}
