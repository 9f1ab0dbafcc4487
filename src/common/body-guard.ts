import type { NextFunction, Request, Response } from 'express';
import { CustodyError } from './errors/custody-error';

/** Deeper than any request of the API: the validators walk bodies recursively, so a deeper one is refused first. */
export const maxBodyDepth = 16;

// JSON.parse makes these own keys; copied onto an object they would change its prototype
const prototypeKeys = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Refuses a JSON body nested deeper than `maxBodyDepth`, or with a key that would reach an
 * object's prototype, walking it without recursion.
 */
export function limitBodyDepth(request: Request, _response: Response, next: NextFunction): void {
  const stack: [unknown, number, string][] = [[request.body, 1, 'body']];
  while (stack.length > 0) {
    const [value, depth, path] = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth > maxBodyDepth) return next(CustodyError.invalid('body', `is nested more than ${maxBodyDepth} levels deep`));
    for (const [key, child] of Object.entries(value)) {
      const at = Array.isArray(value) ? `${path}[${key}]` : path === 'body' ? key : `${path}.${key}`;
      if (!Array.isArray(value) && prototypeKeys.has(key)) return next(CustodyError.invalid(at, 'is not a known field'));
      stack.push([child, depth + 1, at]);
    }
  }
  next();
}
