import { CustodyError } from './errors/custody-error';

/** Deeper than any request of the API: the validators walk bodies recursively, so a deeper one is refused first. */
export const maxBodyDepth = 16;

// JSON.parse makes these own keys; copied onto an object they would change its prototype
const prototypeKeys = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The refusal of a JSON body nested deeper than `maxBodyDepth`, or with a key that would reach an
 * object's prototype, found walking it without recursion; undefined for a body that may pass.
 */
export function refuseDeepOrPrototypeBodies(body: unknown): CustodyError | undefined {
  const stack: [unknown, number, string][] = [[body, 1, 'body']];
  while (stack.length > 0) {
    const [value, depth, path] = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth > maxBodyDepth) return CustodyError.invalid('body', `is nested more than ${maxBodyDepth} levels deep`);
    for (const [key, child] of Object.entries(value)) {
      const at = Array.isArray(value) ? `${path}[${key}]` : path === 'body' ? key : `${path}.${key}`;
      if (!Array.isArray(value) && prototypeKeys.has(key)) return CustodyError.invalid(at, 'is not a known field');
      stack.push([child, depth + 1, at]);
    }
  }
  return undefined;
}
