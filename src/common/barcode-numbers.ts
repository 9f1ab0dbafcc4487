import { EntityManager } from 'typeorm';
import { CodeKind, formatCode } from '../../libs/codes';

/** New barcode identities: one database sequence numbers every kind, so no two labels ever share a number. */
export async function nextCodes(manager: EntityManager, kind: CodeKind, count: number): Promise<string[]> {
  if (count === 0) return [];
  const rows = (await manager.query(`SELECT nextval('barcode_numbers')::int AS number FROM generate_series(1, $1)`, [count])) as { number: number }[];
  return rows
    .map(({ number }) => number)
    .sort((a, b) => a - b)
    .map((number) => formatCode(kind, number));
}

export async function nextCode(manager: EntityManager, kind: CodeKind): Promise<string> {
  const [code] = await nextCodes(manager, kind, 1);
  return code;
}
