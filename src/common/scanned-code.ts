import { CodeKind, parseCode } from '../../libs/codes';
import { CustodyError } from './errors/custody-error';

/** The normalised code of a scan or a typed code of the expected kind; anything else is a 400 naming the field. */
export function requireCode(scanned: string, kind: CodeKind, field: string): string {
  const parsed = parseCode(scanned);
  if (!parsed.ok) throw CustodyError.invalid(field, parsed.problem);
  if (parsed.kind !== kind) throw CustodyError.invalid(field, `is ${withArticle(parsed.kind)} code, not ${withArticle(kind)} code`);
  return parsed.code;
}

function withArticle(kind: CodeKind): string {
  return `${kind === CodeKind.Item ? 'an' : 'a'} ${kind}`;
}
