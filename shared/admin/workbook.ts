import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { ValidationError } from '../errors.js';
import { type Bilingual, say } from '../form/messages.js';

/** The two sheets of an onboarding workbook (sections of a CSV file), and their columns. */
export const IMPORT_COLUMNS = {
  units: { required: ['code', 'name_id', 'name_en'], optional: ['head_name', 'head_nip', 'active'] },
  users: { required: ['name', 'email', 'nip', 'role'], optional: ['unit', 'username', 'enabled'] },
} as const;

export type SheetName = keyof typeof IMPORT_COLUMNS;
export const SHEETS = Object.keys(IMPORT_COLUMNS) as SheetName[];

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_TYPE = 'text/csv';

/** One row as its sheet wrote it: its number (as the spreadsheet shows it) and its cells by column. */
export interface SheetRow {
  row: number;
  cells: Record<string, string | undefined>;
  /** A cell that cannot be read as text without losing what was typed (a long number). */
  problem?: { column: string; message: Bilingual };
}

export interface Sheet {
  columns: string[];
  rows: SheetRow[];
}

/** At most this many rows per sheet: a region's users and units with room to spare. */
export const MAX_ROWS = 5000;

const fileProblem = (message: Bilingual) => new ValidationError([{ path: 'file', message }]);

/**
 * A spreadsheet keeps 15 significant digits: an NIP typed as a number has lost its last three, so a
 * long number is refused rather than guessed.
 */
const LONG_NUMBER = say(
  'angka lebih dari 15 digit tidak tersimpan utuh di lembar kerja: format kolom ini sebagai teks lalu ketik ulang',
  'a number of more than 15 digits is not kept whole by a spreadsheet: format this column as text and type it again',
);

/** A cell's value as text: strings, numbers, booleans, dates, links, rich text and formula results. */
export function cellText(value: ExcelJS.CellValue): string | undefined | typeof LONG_NUMBER {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number')
    return Number.isSafeInteger(value) || !Number.isInteger(value) ? String(value) : LONG_NUMBER;
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value)
    return (
      value.richText
        .map((r) => r.text)
        .join('')
        .trim() || undefined
    );
  if ('hyperlink' in value) return cellText(value.text as ExcelJS.CellValue);
  if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
  return undefined;
}

/** The rows of a sheet given as arrays of cell values (the first row names the columns). */
function sheetOf(name: SheetName, grid: { row: number; values: ExcelJS.CellValue[] }[]): Sheet {
  const [header, ...body] = grid.filter((r) => r.values.some((v) => cellText(v) !== undefined));
  if (!header) return { columns: [], rows: [] };
  const columns = header.values.map((v) => {
    const text = cellText(v);
    return typeof text === 'string' ? text.toLowerCase() : '';
  });
  const { required, optional } = IMPORT_COLUMNS[name];
  const known: readonly string[] = [...required, ...optional];
  const unknown = columns.filter((c) => c && !known.includes(c));
  const missing = required.filter((c) => !columns.includes(c));
  if (unknown.length || missing.length) {
    const list = known.join(', ');
    throw fileProblem(
      say(
        `lembar "${name}": ${missing.length ? `kolom ${missing.join(', ')} tidak ada` : `kolom ${unknown.join(', ')} tidak dikenal`} (kolom: ${list})`,
        `sheet "${name}": ${missing.length ? `no column ${missing.join(', ')}` : `unknown column ${unknown.join(', ')}`} (columns: ${list})`,
      ),
    );
  }
  if (body.length > MAX_ROWS) {
    throw fileProblem(
      say(`lembar "${name}": lebih dari ${MAX_ROWS} baris`, `sheet "${name}": more than ${MAX_ROWS} rows`),
    );
  }
  const rows = body.map(({ row, values }): SheetRow => {
    const cells: SheetRow['cells'] = {};
    let problem: SheetRow['problem'];
    columns.forEach((column, i) => {
      if (!column) return;
      const text = cellText(values[i]);
      if (typeof text === 'object') problem ??= { column, message: text };
      else cells[column] = text;
    });
    return problem ? { row, cells, problem } : { row, cells };
  });
  return { columns: columns.filter(Boolean), rows };
}

async function readXlsx(bytes: Uint8Array): Promise<Map<SheetName, Sheet>> {
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw fileProblem(say('bukan berkas XLSX yang dapat dibaca', 'is not a readable XLSX workbook'));
  }
  const sheets = new Map<SheetName, Sheet>();
  for (const worksheet of workbook.worksheets) {
    const name = worksheet.name.trim().toLowerCase() as SheetName;
    if (!SHEETS.includes(name)) continue;
    const grid: { row: number; values: ExcelJS.CellValue[] }[] = [];
    worksheet.eachRow((row, number) => {
      // exceljs numbers cells from 1: values[0] is empty.
      grid.push({ row: number, values: (row.values as ExcelJS.CellValue[]).slice(1) });
    });
    sheets.set(name, sheetOf(name, grid));
  }
  return sheets;
}

/** A CSV file's sections: a line `[units]` or `[users]` starts each, its header on the next line. */
async function readCsv(bytes: Uint8Array): Promise<Map<SheetName, Sheet>> {
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/^\uFEFF/, '');
  let worksheet: ExcelJS.Worksheet;
  try {
    // Every value as typed: no number or date guessing, which would round an NIP.
    worksheet = await workbook.csv.read(Readable.from([text]), { map: (value: string) => value } as never);
  } catch {
    throw fileProblem(say('bukan berkas CSV yang dapat dibaca', 'is not a readable CSV file'));
  }
  const sections = new Map<SheetName, { row: number; values: ExcelJS.CellValue[] }[]>();
  let current: { row: number; values: ExcelJS.CellValue[] }[] | undefined;
  worksheet.eachRow((row, number) => {
    const values = (row.values as ExcelJS.CellValue[]).slice(1);
    const marker = /^\[(\w+)\]$/.exec(
      String(values[0] ?? '')
        .trim()
        .toLowerCase(),
    )?.[1];
    if (marker && values.slice(1).every((v) => cellText(v) === undefined)) {
      if (!SHEETS.includes(marker as SheetName)) {
        throw fileProblem(
          say(
            `bagian [${marker}] tidak dikenal (bagian: [units], [users])`,
            `unknown section [${marker}] (sections: [units], [users])`,
          ),
        );
      }
      current = [];
      sections.set(marker as SheetName, current);
      return;
    }
    current?.push({ row: number, values });
  });
  return new Map([...sections].map(([name, grid]) => [name, sheetOf(name, grid)]));
}

/** The `units` and `users` sheets of an XLSX workbook or a CSV file; a file with neither is a 400. */
export async function readWorkbook(contentType: string, bytes: Uint8Array): Promise<Map<SheetName, Sheet>> {
  const sheets = contentType === CSV_TYPE ? await readCsv(bytes) : await readXlsx(bytes);
  if (![...sheets.values()].some((s) => s.rows.length > 0)) {
    throw fileProblem(
      say(
        'tidak ada baris di lembar "units" atau "users" (CSV: bagian [units] dan [users])',
        'no rows in a sheet "units" or "users" (CSV: sections [units] and [users])',
      ),
    );
  }
  return sheets;
}

/** The workbook given back: each sheet's rows as they came, with the outcome and the error beside them. */
export async function resultWorkbook(
  sheets: Map<SheetName, Sheet>,
  outcomeOf: (sheet: SheetName, row: number) => { outcome: string; error?: Bilingual },
): Promise<Uint8Array> {
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  for (const [name, sheet] of sheets) {
    const worksheet = workbook.addWorksheet(name);
    worksheet.addRow(['row', ...sheet.columns, 'outcome', 'error', 'galat']);
    worksheet.getRow(1).font = { bold: true };
    for (const row of sheet.rows) {
      const { outcome, error } = outcomeOf(name, row.row);
      worksheet.addRow([
        row.row,
        ...sheet.columns.map((c) => row.cells[c] ?? ''),
        outcome,
        error?.en ?? '',
        error?.id ?? '',
      ]);
    }
    // Every cell is text, so that an NIP stays whole when the sheet is opened again.
    worksheet.eachRow((row) => {
      row.eachCell((cell) => {
        cell.numFmt = '@';
      });
    });
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
