import { EntityManager } from 'typeorm';
import { CodeKind, formatCode } from '../../libs/codes';

/** A new barcode identity: one database sequence numbers every kind, so no two labels ever share a number. */
export async function nextCode(manager: EntityManager, kind: CodeKind): Promise<string> {
  const [{ number }] = (await manager.query(`SELECT nextval('barcode_numbers')::int AS number`)) as { number: number }[];
  return formatCode(kind, number);
}
