import { ApiProperty } from '@nestjs/swagger';
import { Role } from '../role';
import { Language } from '../../users/language';

export class ActorRoleDoc {
  @ApiProperty({ enum: Role }) role: Role;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) siteId: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'POL-BRU' }) siteCode: string | null;
}

export class ActorDoc {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ example: 'officer' }) username: string;
  @ApiProperty({ example: 'Olivia Officer' }) displayName: string;
  @ApiProperty({ enum: Language, example: 'fr', description: 'The language of the user’s screens' }) language: Language;
  @ApiProperty({ type: [ActorRoleDoc] }) roles: ActorRoleDoc[];
}

export class LoginResponseDoc {
  @ApiProperty({ description: 'Send as `Authorization: Bearer <accessToken>`' }) accessToken: string;
  @ApiProperty({ example: 'Bearer' }) tokenType: string;
  @ApiProperty({ example: 900, description: 'Seconds until the token expires' }) expiresIn: number;
  @ApiProperty({ type: ActorDoc }) user: ActorDoc;
}

export class SignInDoc {
  @ApiProperty({ example: '42' }) id: string;
  @ApiProperty({ example: 'officer' }) username: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) userId: string | null;
  @ApiProperty() succeeded: boolean;
  @ApiProperty({ enum: ['sign_in', 'witness'], description: "sign_in, or witness: the password was given to witness another person's step" })
  purpose: 'sign_in' | 'witness';
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'wrong_password',
    description: 'unknown_user, wrong_password, locked or disabled; for a witness also no_role_at_site',
  })
  failure: string | null;
  @ApiProperty({ example: '192.0.2.10' }) sourceAddress: string;
  @ApiProperty({ type: String, nullable: true }) userAgent: string | null;
  @ApiProperty() occurredAt: Date;
}

export class EnrolmentDoc {
  @ApiProperty({ example: 'JBSWY3DPEHPK3PXP', description: 'The TOTP secret (base32), to type into an authenticator app' }) secret: string;
  @ApiProperty({ example: 'otpauth://totp/Custody:admin?secret=JBSWY3DPEHPK3PXP&issuer=Custody' }) uri: string;
  @ApiProperty({ example: 'data:image/png;base64,iVBORw0…', description: 'The URI as a QR code (PNG data URL)' }) qrCode: string;
}

export class ConfirmedEnrolmentDoc extends LoginResponseDoc {
  @ApiProperty({ type: [String], example: ['K7QM-X4TZ9P'], description: 'One-time recovery codes: shown this once' }) recoveryCodes: string[];
}

export class SecondFactorStatusDoc {
  @ApiProperty({ description: 'An authenticator app is enrolled' }) enrolled: boolean;
  @ApiProperty({ description: 'The user’s roles ask a second factor (SECOND_FACTOR_ROLES)' }) required: boolean;
  @ApiProperty({ description: 'This session was signed in with it' }) given: boolean;
}

export class MeDoc extends ActorDoc {
  @ApiProperty({ type: SecondFactorStatusDoc }) secondFactor: SecondFactorStatusDoc;
}
