import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { CustodyError, CustodyErrorCode } from '../common/errors/custody-error';

const windowMs = 60_000;

/**
 * Counts password attempts per key (an address, an account) over the last minute, in this
 * instance, and refuses the one past LOGIN_RATE_LIMIT_PER_MINUTE with 429: what the sign-in route's
 * throttle does per address, applied where a password is checked inside another request (the
 * witness of a step). A count lives a minute; keys that go quiet are forgotten.
 */
@Injectable()
export class AttemptLimiter {
  private readonly attempts = new Map<string, number[]>();
  private readonly limit: number;

  constructor(config: AppConfig) {
    this.limit = config.loginRateLimitPerMinute;
  }

  /** Counts one attempt under each key, or refuses it (counting none) when any key is at its limit. */
  take(keys: string[], now = Date.now()): void {
    const recent = keys.map((key) => (this.attempts.get(key) ?? []).filter((at) => at > now - windowMs));
    const full = recent.findIndex((times) => times.length >= this.limit);
    if (full >= 0) {
      const retryAfter = Math.ceil((recent[full][0] + windowMs - now) / 1000);
      throw new CustodyError(CustodyErrorCode.TooManyRequests, `too many password attempts: try again in ${retryAfter} s`);
    }
    keys.forEach((key, at) => this.attempts.set(key, [...recent[at], now]));
    if (this.attempts.size > 10_000) this.forgetQuiet(now);
  }

  private forgetQuiet(now: number): void {
    for (const [key, times] of this.attempts) if (times[times.length - 1] <= now - windowMs) this.attempts.delete(key);
  }
}
