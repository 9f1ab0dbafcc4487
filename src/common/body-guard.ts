import { CustodyError } from './errors/custody-error';

/** Deeper than any request of the API: the validators walk bodies recursively, so a deeper one is refused first. */
export const maxBodyDepth = 16;

// JSON.parse makes these own keys; copied onto an object they would change its prototype
const prototypeKeys = new Set(['__proto__', 'constructor', 'prototype']);

// NUL, which PostgreSQL's text and jsonb cannot hold, and UTF-16 halves without their pair, which UTF-8 cannot encode
// eslint-disable-next-line no-control-regex -- the NUL character is what this looks for
const unstorable = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The refusal of a JSON body (or query) nested deeper than `maxBodyDepth`, with a key that would
 * reach an object's prototype, or with text the database cannot store (a NUL character, half of a
 * UTF-16 pair), naming the field, found walking it without recursion; undefined for one that may pass.
 */
export function refuseHazardousInput(body: unknown, root = 'body'): CustodyError | undefined {
  const stack: [unknown, number, string][] = [[body, 1, root]];
  while (stack.length > 0) {
    const [value, depth, path] = stack.pop()!;
    if (typeof value === 'string' && unstorable.test(value))
      return CustodyError.invalid(path, 'holds a character that cannot be stored (NUL, or half of a UTF-16 pair)');
    if (value === null || typeof value !== 'object') continue;
    if (depth > maxBodyDepth) return CustodyError.invalid('body', `is nested more than ${maxBodyDepth} levels deep`);
    for (const [key, child] of Object.entries(value)) {
      const at = Array.isArray(value) ? `${path}[${key}]` : path === root ? key : `${path}.${key}`;
      if (!Array.isArray(value) && prototypeKeys.has(key)) return CustodyError.invalid(at, 'is not a known field');
      if (unstorable.test(key)) return CustodyError.invalid(at, 'is not a known field');
      stack.push([child, depth + 1, at]);
    }
  }
  return undefined;
}
