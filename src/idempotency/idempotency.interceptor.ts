import { CallHandler, ExecutionContext, HttpStatus, Injectable, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply as Response, FastifyRequest as Request } from 'fastify';
import { createHash, randomUUID } from 'node:crypto';
import { from, lastValueFrom, Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import { canonicalJson } from '../../libs/ledger';
import { publicKey } from '../auth/access.decorators';
import { Actor } from '../auth/actor';
import { CustodyError, CustodyErrorCode } from '../common/errors/custody-error';
import { IdempotencyClaim, idempotencyClaims } from './idempotency-context';

export const idempotencyHeader = 'idempotency-key';
// How long a first attempt may run before a retry may take its claim over, and how long keys are kept.
const claimLeaseSeconds = 30;
const keptHours = 24;

interface StoredRequest {
  fingerprint: string;
  applied_at: Date | null;
  status_code: number | null;
  response: unknown;
  running: boolean;
}

/**
 * Scanners retry. A POST sent with an `Idempotency-Key` header runs once per user and key: the
 * same key with the same request answers the first answer again and writes nothing; with another
 * request, 422. The claim is taken before the handler runs and marked applied in the handler's
 * own transaction (`markRequestApplied`), so even a crash between commit and answer never lets a
 * retry apply the request twice.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request & { user?: Actor }>();
    const key = request.headers[idempotencyHeader];
    if (request.method !== 'POST' || key === undefined || !request.user || this.reflector.get<boolean>(publicKey, context.getHandler())) {
      return next.handle();
    }
    const statusCode = this.reflector.get<number>(HTTP_CODE_METADATA, context.getHandler()) ?? HttpStatus.CREATED;
    return from(this.runOnce(request, context.switchToHttp().getResponse<Response>(), requireKey(key), statusCode, next));
  }

  private async runOnce(request: Request & { user?: Actor }, response: Response, key: string, statusCode: number, next: CallHandler): Promise<unknown> {
    const claim: IdempotencyClaim = { actorId: request.user!.userId, key, claimToken: randomUUID() };
    const fingerprint = fingerprintOf(request);
    const claimed = await this.dataSource.query(
      `INSERT INTO idempotency_keys AS kept (actor_id, key, fingerprint, claim_token, claimed_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (actor_id, key) DO UPDATE
         SET fingerprint = EXCLUDED.fingerprint, claim_token = EXCLUDED.claim_token, claimed_at = now(),
             applied_at = NULL, status_code = NULL, response = NULL, created_at = now()
         WHERE kept.created_at < now() - make_interval(hours => $5)
            OR (kept.fingerprint = EXCLUDED.fingerprint AND kept.applied_at IS NULL AND kept.status_code IS NULL
                AND kept.claimed_at < now() - make_interval(secs => $6))
       RETURNING claim_token`,
      [claim.actorId, claim.key, fingerprint, claim.claimToken, keptHours, claimLeaseSeconds],
    );
    if (claimed.length === 0) return this.answerAgain(claim, fingerprint, response);

    let body: unknown;
    try {
      body = await idempotencyClaims.run(claim, () => lastValueFrom(next.handle(), { defaultValue: undefined }));
    } catch (error) {
      // a refused request changed nothing: its key is free for the corrected retry
      await this.dataSource.query(`DELETE FROM idempotency_keys WHERE actor_id = $1 AND key = $2 AND claim_token = $3 AND applied_at IS NULL`, [
        claim.actorId,
        claim.key,
        claim.claimToken,
      ]);
      throw error;
    }
    await this.dataSource.query(
      `UPDATE idempotency_keys SET status_code = $4, response = $5::json, applied_at = coalesce(applied_at, now())
        WHERE actor_id = $1 AND key = $2 AND claim_token = $3`,
      [claim.actorId, claim.key, claim.claimToken, statusCode, JSON.stringify(body ?? null)],
    );
    return body;
  }

  private async answerAgain(claim: IdempotencyClaim, fingerprint: string, response: Response): Promise<unknown> {
    const [kept] = (await this.dataSource.query(
      `SELECT fingerprint, applied_at, status_code, response, claimed_at > now() - make_interval(secs => $3) AS running
         FROM idempotency_keys WHERE actor_id = $1 AND key = $2`,
      [claim.actorId, claim.key, claimLeaseSeconds],
    )) as StoredRequest[];
    if (!kept) throw new CustodyError(CustodyErrorCode.IdempotencyKeyInUse, 'a request with this Idempotency-Key is being settled; try again');
    if (kept.fingerprint !== fingerprint) {
      throw new CustodyError(CustodyErrorCode.IdempotencyKeyReused, 'this Idempotency-Key was used for another request: use a new key for a new request', [
        { field: 'Idempotency-Key', problem: 'was used before with another method, path or body' },
      ]);
    }
    if (kept.status_code !== null) {
      void response.header('Idempotent-Replayed', 'true');
      return kept.response;
    }
    // applied a moment ago, its answer on its way: the first request is still finishing
    if (kept.applied_at && !kept.running) {
      throw new CustodyError(
        CustodyErrorCode.IdempotentRequestApplied,
        'this request was applied, but its answer was lost when the server stopped; look up the result instead of sending it again',
      );
    }
    throw new CustodyError(CustodyErrorCode.IdempotencyKeyInUse, 'the first request with this Idempotency-Key is still being processed; try again in a moment');
  }
}

function requireKey(value: string | string[]): string {
  if (typeof value !== 'string' || !/^[\x21-\x7E]{1,200}$/.test(value)) {
    throw CustodyError.invalid('Idempotency-Key', 'must be 1 to 200 visible ASCII characters, such as a UUID');
  }
  return value;
}

function fingerprintOf(request: Request): string {
  let body: string | undefined;
  try {
    body = canonicalJson(request.body ?? null);
  } catch {
    throw CustodyError.invalid('body', 'is nested too deeply or holds numbers that JSON cannot carry');
  }
  return createHash('sha256').update(`${request.method} ${request.url}\n${body}`).digest('hex');
}
