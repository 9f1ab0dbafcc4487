import { Injectable } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig } from '../config/app-config';
import { CustodyError, CustodyErrorCode } from '../common/errors/custody-error';
import { UsersService } from '../users/users.service';
import { Actor } from './actor';

export interface TokenPayload {
  sub: string;
  username: string;
}

/** Reads the user behind a token afresh, so disabling a user or removing a role counts at once. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(
    config: AppConfig,
    private readonly users: UsersService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // a KeyObject, made once: given a string, jsonwebtoken first tries (and fails) to read it as a public key on every request
      secretOrKey: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')) as unknown as string,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  async validate(payload: TokenPayload): Promise<Actor> {
    const actor = typeof payload?.sub === 'string' ? await this.users.findActiveActor(payload.sub) : null;
    if (!actor) throw new CustodyError(CustodyErrorCode.Unauthenticated, 'this account is disabled or no longer exists');
    return actor;
  }
}
