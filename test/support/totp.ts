import { createHmac } from 'node:crypto';

/**
 * RFC 6238's TOTP, written here from the RFC (HMAC-SHA-1 of the 30-second step, dynamic
 * truncation, six digits), apart from the library the server uses: an authenticator app's code at
 * `at` (milliseconds since 1970).
 */
export function totpCode(base32Secret: string, at = Date.now()): string {
  const step = Math.floor(at / 30_000);
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32Decode(base32Secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 1_000_000).padStart(6, '0');
}

function base32Decode(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const character of text.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(character).toString(2).padStart(5, '0');
  return Buffer.from(bits.match(/.{8}/g)!.map((byte) => parseInt(byte, 2)));
}
