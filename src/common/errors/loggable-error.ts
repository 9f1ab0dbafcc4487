import { QueryFailedError } from 'typeorm';

/**
 * An error as the log may keep it: its kind, message and stack, and for a database error its
 * SQLSTATE and constraint, but never the statement's parameters (TypeORM's QueryFailedError
 * carries them) nor the values PostgreSQL quotes in its messages (`invalid input syntax for
 * type uuid: "…"`): they are what people typed.
 */
export function loggableError(error: unknown): Record<string, unknown> {
  if (error instanceof QueryFailedError) {
    const driverError = error.driverError as { code?: string; constraint?: string; table?: string; column?: string };
    return {
      type: 'QueryFailedError',
      message: withoutQuotedValues(error.message),
      code: driverError?.code,
      constraint: driverError?.constraint,
      table: driverError?.table,
      column: driverError?.column,
      stack: withoutQuotedValues(error.stack ?? ''),
    };
  }
  if (error instanceof Error) return { type: error.name, message: error.message, stack: error.stack };
  return { type: typeof error };
}

/** The path of a request's URL, without its query string (a search term is what someone typed). */
export function pathOf(url: string): string {
  const question = url.indexOf('?');
  return question < 0 ? url : url.slice(0, question);
}

function withoutQuotedValues(text: string): string {
  return text.replace(/"[^"]*"/g, '"…"');
}
