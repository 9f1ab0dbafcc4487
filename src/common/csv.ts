import { stringify } from 'csv-stringify/sync';

export type CsvCell = string | number | null;

/**
 * The CSV of a table, as every export of Custody writes it (RFC 4180 by csv-stringify: CRLF lines,
 * fields quoted when they hold a comma, a quote or a line break). A text cell that a spreadsheet
 * would run as a formula (one that starts with =, +, -, @, a tab or a carriage return: OWASP's
 * "CSV injection") is written with a leading apostrophe, which the spreadsheet shows as text;
 * numbers stay numbers.
 */
export function csvOf(header: string[], rows: CsvCell[][]): string {
  return stringify(
    [header, ...rows].map((row) => row.map(spreadsheetSafe)),
    { record_delimiter: '\r\n' },
  );
}

function spreadsheetSafe(cell: CsvCell): CsvCell {
  return typeof cell === 'string' && /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}
