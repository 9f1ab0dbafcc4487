import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { parse } from 'csv-parse/sync';
import { ItemCategory } from '../../libs/custody';
import { FieldProblem } from '../common/errors/custody-error';
import { fieldProblems } from '../common/validation';
import { controlCharacters, pastDateTimeProblem } from '../common/validators';
import { CreateSeizureDto } from '../seizures/dto/create-seizure.dto';

/**
 * The CSV layout of an import (docs/import.md): one row per line of an item's known history, the
 * seizure's and the item's facts repeated (or left blank) on the rows after their first.
 */
export const importColumns = [
  'seizure_reference',
  'site',
  'case_number',
  'seized_at',
  'seizing_unit',
  'legal_reference',
  'item_reference',
  'category',
  'description',
  'quantity',
  'unit',
  'seal_number',
  'location',
  'occurred_at',
  'step',
  'by',
  'note',
] as const;
export type ImportColumn = (typeof importColumns)[number];
const requiredColumns: ImportColumn[] = [
  'seizure_reference',
  'site',
  'case_number',
  'seized_at',
  'item_reference',
  'category',
  'description',
  'quantity',
  'unit',
];

type Row = Record<ImportColumn, string> & { line: number };

/** A line of an item's history as the old records kept it. */
export interface HistoryLine {
  row: number;
  occurredAt: Date;
  step: string;
  by: string | null;
  note: string | null;
}

export interface ImportedItemPlan {
  row: number;
  reference: string;
  category: ItemCategory;
  description: string;
  quantity: string;
  unit: string;
  sealNumber: string | null;
  /** Where it is now at its site: a location's code or its name; checked against the database. */
  location: string | null;
  history: HistoryLine[];
}

export interface ImportedSeizurePlan {
  row: number;
  reference: string;
  site: string;
  caseNumber: string;
  seizedAt: Date;
  seizingUnit: string | null;
  legalReference: string | null;
  items: ImportedItemPlan[];
}

/** A row refused, and why; the rows of its seizure are refused with it. */
export interface RefusedRow extends FieldProblem {
  row: number;
  seizureReference: string | null;
}

/** Where a field of the seizure registration comes from in the file. */
const columnOf: Record<string, ImportColumn> = {
  site: 'site',
  caseNumber: 'case_number',
  seizedAt: 'seized_at',
  seizingUnit: 'seizing_unit',
  legalReference: 'legal_reference',
  'items[0].category': 'category',
  'items[0].description': 'description',
  'items[0].quantity': 'quantity',
  'items[0].unit': 'unit',
  'items[0].sealNumber': 'seal_number',
};
const seizureColumns: ImportColumn[] = ['case_number', 'seized_at', 'seizing_unit', 'legal_reference'];
const itemColumns: ImportColumn[] = ['category', 'description', 'quantity', 'unit', 'seal_number', 'location'];

/**
 * Reads the file into seizures, each checked by the rules of a registration, with the problems of
 * its rows (a seizure with any is refused whole); `refused` holds what stops the whole file.
 */
export function readImportFile(text: string): { seizures: { plan: ImportedSeizurePlan; problems: RefusedRow[] }[]; refused: RefusedRow[]; rows: number } {
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { relax_column_count: false, skip_empty_lines: true, trim: true });
  } catch (error) {
    return { seizures: [], refused: [{ row: 0, seizureReference: null, field: 'file', problem: `is not CSV: ${(error as Error).message}` }], rows: 0 };
  }
  const [header = [], ...body] = records;
  const columns = header.map((name) => name.toLowerCase());
  const missing = requiredColumns.filter((column) => !columns.includes(column));
  const unknown = columns.filter((column) => !(importColumns as readonly string[]).includes(column));
  if (missing.length > 0 || unknown.length > 0) {
    const problems = [
      ...missing.map((column) => ({ row: 1, seizureReference: null, field: column, problem: 'is a column the file must have' })),
      ...unknown.map((column) => ({ row: 1, seizureReference: null, field: column, problem: `is not a column of the layout (${importColumns.join(', ')})` })),
    ];
    return { seizures: [], refused: problems, rows: body.length };
  }
  const rows: Row[] = body.map((values, index) => {
    const row = Object.fromEntries(importColumns.map((column) => [column, values[columns.indexOf(column)] ?? ''])) as Record<ImportColumn, string>;
    return { ...row, line: index + 2 };
  });

  const bySeizure = new Map<string, Row[]>();
  for (const row of rows) {
    const key = `${row.site.toUpperCase()}\n${row.seizure_reference}`;
    bySeizure.set(key, [...(bySeizure.get(key) ?? []), row]);
  }
  const seizures = [...bySeizure.values()].map((seizureRows) => {
    const problems: RefusedRow[] = [];
    return { plan: seizureOf(seizureRows, problems), problems };
  });
  return { seizures, refused: [], rows: rows.length };
}

function seizureOf(rows: Row[], problems: RefusedRow[]): ImportedSeizurePlan {
  const first = rows[0];
  const refuse = (row: Row, field: string, problem: string) =>
    problems.push({ row: row.line, seizureReference: first.seizure_reference || null, field, problem });
  if (!first.seizure_reference) refuse(first, 'seizure_reference', 'is needed: the seizure’s reference in the records it comes from');
  else if (first.seizure_reference.length > 100) refuse(first, 'seizure_reference', 'must be at most 100 characters');
  for (const row of rows.slice(1)) {
    for (const column of seizureColumns) {
      if (row[column] && row[column] !== first[column]) refuse(row, column, `differs from row ${first.line}, the seizure’s first`);
    }
  }
  const byItem = new Map<string, Row[]>();
  for (const row of rows) byItem.set(row.item_reference, [...(byItem.get(row.item_reference) ?? []), row]);
  const items: ImportedItemPlan[] = [];
  for (const [reference, itemRows] of byItem) {
    const head = itemRows[0];
    if (!reference) refuse(head, 'item_reference', 'is needed: the item’s reference in the records it comes from');
    else if (reference.length > 100) refuse(head, 'item_reference', 'must be at most 100 characters');
    for (const row of itemRows.slice(1)) {
      for (const column of itemColumns) if (row[column] && row[column] !== head[column]) refuse(row, column, `differs from row ${head.line}, the item’s first`);
    }
    // the rules of a registration through the API, to the letter
    const quantity = /^\s*\d+(\.\d+)?\s*$/.test(head.quantity) ? Number(head.quantity) : head.quantity;
    const registration = plainToInstance(CreateSeizureDto, {
      site: first.site,
      caseNumber: first.case_number,
      seizedAt: first.seized_at,
      ...(first.seizing_unit ? { seizingUnit: first.seizing_unit } : {}),
      ...(first.legal_reference ? { legalReference: first.legal_reference } : {}),
      items: [
        { category: head.category, description: head.description, quantity, unit: head.unit, ...(head.seal_number ? { sealNumber: head.seal_number } : {}) },
      ],
    });
    for (const problem of fieldProblems(validateSync(registration, { whitelist: true, forbidNonWhitelisted: true }))) {
      const column = columnOf[problem.field] ?? problem.field;
      const problemText =
        column === 'quantity' && typeof quantity === 'string' ? 'must be a number greater than 0, with a point for decimals' : problem.problem;
      if (!problems.some((known) => known.row === head.line && known.field === column)) refuse(head, column, problemText);
    }
    if (head.location.length > 100) refuse(head, 'location', 'must be the code or the name of a location of the site');
    const seizedAt = new Date(first.seized_at);
    const history: HistoryLine[] = [];
    for (const row of itemRows) {
      if (!row.occurred_at && !row.step && !row.by && !row.note) continue;
      const occurredAt = new Date(row.occurred_at);
      const dateProblem = row.occurred_at ? pastDateTimeProblem(row.occurred_at) : 'is needed on a line of history';
      if (dateProblem) refuse(row, 'occurred_at', dateProblem);
      else if (!Number.isNaN(seizedAt.getTime()) && occurredAt < seizedAt) refuse(row, 'occurred_at', 'must not be before the seizure');
      textRule(row, 'step', row.step, 50, true, refuse);
      textRule(row, 'by', row.by, 100, false, refuse);
      textRule(row, 'note', row.note, 500, false, refuse);
      history.push({ row: row.line, occurredAt, step: row.step, by: row.by || null, note: row.note || null });
    }
    items.push({
      row: head.line,
      reference,
      category: head.category as ItemCategory,
      description: head.description,
      quantity: typeof quantity === 'number' ? quantity.toFixed(3) : '0',
      unit: head.unit,
      sealNumber: head.seal_number || null,
      location: head.location || null,
      history: history.sort((one, other) => one.occurredAt.getTime() - other.occurredAt.getTime() || one.row - other.row),
    });
  }
  return {
    row: first.line,
    reference: first.seizure_reference,
    site: first.site.toUpperCase(),
    caseNumber: first.case_number,
    seizedAt: new Date(first.seized_at),
    seizingUnit: first.seizing_unit || null,
    legalReference: first.legal_reference || null,
    items,
  };
}

function textRule(row: Row, column: ImportColumn, value: string, max: number, required: boolean, refuse: (row: Row, field: string, problem: string) => void) {
  if (!value) {
    if (required) refuse(row, column, 'is needed on a line of history: what happened, in the old records’ words');
  } else if (value.length > max) refuse(row, column, `must be at most ${max} characters`);
  else if (controlCharacters.test(value)) refuse(row, column, 'must not contain control characters (line breaks, tabs or invisible printer commands)');
}
