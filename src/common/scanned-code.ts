import { CodeKind, parseCode } from '../../libs/codes';
import { CustodyError, FieldProblem } from './errors/custody-error';
import { validationFailed } from './validation';

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

/** The normalised codes of a list of scans of one kind; every malformed one is named by its place (`items[3]`) in one 400. */
export function requireCodes(scanned: string[], kind: CodeKind, field: string): string[] {
  const problems: FieldProblem[] = [];
  const codes = scanned.map((entry, index) => {
    const parsed = parseCode(entry);
    if (!parsed.ok) problems.push({ field: `${field}[${index}]`, problem: parsed.problem });
    else if (parsed.kind !== kind)
      problems.push({ field: `${field}[${index}]`, problem: `is ${withArticle(parsed.kind)} code, not ${withArticle(kind)} code` });
    return parsed.ok ? parsed.code : '';
  });
  if (problems.length > 0) throw validationFailed(problems);
  return codes;
}
