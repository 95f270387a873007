import type ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import type * as z from 'zod';
import { cellText } from '../admin/workbook.js';
import type { Issue } from '../errors.js';
import { agreementFormInputSchema } from '../form/agreement-form.js';
import { type Bilingual, say } from '../form/messages.js';

/**
 * A batch workbook (README, "Batch drafting"): the sheet `shared` holds one form's common fields as
 * rows of `field` and `value`, the sheet `partners` one row per partner, its first row naming each
 * column's field. A field is named by its path in the form, as the API's errors name it
 * (`title.id`, `parties[1].signatory.name`, `scope[0].id`); a row's cell wins over the shared value.
 */
export const SHARED_SHEET = 'shared';
export const PARTNERS_SHEET = 'partners';
export const SHARED_COLUMNS = ['field', 'value'] as const;

/** At most this many partners per workbook: 500 drafts fit one function's 15 minutes with room to spare. */
export const MAX_BATCH_ROWS = 500;
/**
 * What the workbook's parts may unpack to, as its ZIP directory declares them: 500 rows of text are a
 * few MB; a small file declaring gigabytes is a decompression bomb, refused before anything inflates.
 */
export const MAX_UNPACKED_BYTES = 64 * 1024 * 1024;
/** An index in a path: every list of the form holds at most 50 items. */
const MAX_INDEX = 99;

/** Why a workbook is refused as a whole: the batch drafts nothing. */
export class WorkbookRefused extends Error {
  constructor(readonly reason: Bilingual) {
    super(reason.en);
  }
}

/** A value as the form takes it at a path: text, a number, or a list of codes (`id, en`). */
type Leaf = 'text' | 'number' | 'list';
type Value = string | number | string[];
type Path = (string | number)[];

/** One partner: its row as the spreadsheet numbers it, its values by field, and a cell that cannot be read. */
export interface PartnerRow {
  row: number;
  cells: Record<string, Value>;
  problems: Issue[];
}

export interface BatchWorkbook {
  shared: Record<string, Value>;
  /** The `partners` sheet's fields, in its column order. */
  columns: string[];
  rows: PartnerRow[];
}

/** The form's schema at a path with its wrappers (optional, nullable, defaults) taken off. */
function bare(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (;;) {
    const def = s.def as { type: string; innerType?: z.ZodType; in?: z.ZodType };
    if (def.innerType && ['optional', 'nullable', 'default', 'prefault', 'readonly'].includes(def.type))
      s = def.innerType;
    else if (def.type === 'pipe' && def.in) s = def.in;
    else return s;
  }
}

/** What the form takes at `path`, read from its schema; undefined where no single value goes. */
function leafAt(path: Path): Leaf | undefined {
  let s: z.ZodType | undefined = agreementFormInputSchema;
  for (const key of path) {
    const def = bare(s).def as {
      type: string;
      shape?: Record<string, z.ZodType>;
      element?: z.ZodType;
      items?: z.ZodType[];
      rest?: z.ZodType | null;
    };
    if (typeof key === 'number') {
      s =
        def.type === 'array'
          ? def.element
          : def.type === 'tuple'
            ? (def.items?.[key] ?? def.rest ?? undefined)
            : undefined;
    } else {
      s = def.type === 'object' && Object.hasOwn(def.shape ?? {}, key) ? def.shape?.[key] : undefined;
    }
    if (!s) return undefined;
  }
  const def = bare(s).def as { type: string; element?: z.ZodType };
  if (['string', 'enum', 'literal'].includes(def.type)) return 'text';
  if (def.type === 'number') return 'number';
  if (def.type === 'array' && def.element && ['string', 'enum'].includes(bare(def.element).def.type))
    return 'list';
  return undefined;
}

/** `parties[1].signatory.name` → ['parties', 1, 'signatory', 'name']; undefined when not a path. */
function pathOf(field: string): Path | undefined {
  const path: Path = [];
  for (const segment of field.split('.')) {
    const m = /^([A-Za-z]+)(?:\[(\d{1,2})\])?$/.exec(segment);
    if (!m?.[1]) return undefined;
    path.push(m[1]);
    if (m[2] !== undefined) path.push(Number(m[2]));
  }
  return path;
}

/** Why a column or field name is not one a workbook may carry; undefined when it is. */
function fieldProblem(field: string): Bilingual | undefined {
  const path = pathOf(field);
  if (path?.[0] === 'initiatingUnit') {
    return say(
      `"${field}": unit pemrakarsa adalah unit penyusun yang mengunggah: hapus kolom ini`,
      `"${field}": the initiating unit is the uploading drafter's own: remove this column`,
    );
  }
  if (!path || path.some((k) => typeof k === 'number' && k > MAX_INDEX) || !leafAt(path)) {
    return say(
      `"${field}" bukan isian formulir (contoh: title.id, parties[1].name.id, parties[1].signatory.name, scope[0].id)`,
      `"${field}" is not a field of the form (e.g. title.id, parties[1].name.id, parties[1].signatory.name, scope[0].id)`,
    );
  }
  return undefined;
}

/** A cell's text as the form takes it at `field`: numbers as numbers, lists split at commas. */
function typed(field: string, text: string): Value {
  const leaf = leafAt(pathOf(field) as Path);
  if (leaf === 'number' && /^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (leaf === 'list')
    return text
      .split(/[,;]/)
      .map((t) => t.trim())
      .filter(Boolean);
  return text;
}

const refuse = (id: string, en: string): never => {
  throw new WorkbookRefused(say(id, en));
};

/** A sheet's non-empty rows as (row number, cells from column 1). */
function gridOf(sheet: ExcelJS.Worksheet) {
  const grid: { row: number; values: ExcelJS.CellValue[] }[] = [];
  sheet.eachRow((row, number) => {
    // exceljs numbers cells from 1: values[0] is empty.
    const values = (row.values as ExcelJS.CellValue[]).slice(1);
    if (values.some((v) => cellText(v) !== undefined)) grid.push({ row: number, values });
  });
  return grid;
}

/** A cell as text for `field`, or the problem of a long number a spreadsheet has rounded. */
function cell(value: ExcelJS.CellValue, field: string): { text?: string; problem?: Issue } {
  const text = cellText(value);
  if (typeof text === 'object') return { problem: { path: field, message: text } };
  return text === undefined ? {} : { text };
}

function sharedFields(sheet: ExcelJS.Worksheet): Record<string, Value> {
  const [header, ...rows] = gridOf(sheet);
  const names = header?.values.map((v) => String(cellText(v) ?? '').toLowerCase());
  if (!names || SHARED_COLUMNS.some((c, i) => names[i] !== c)) {
    refuse(
      `lembar "${SHARED_SHEET}": baris pertama harus berjudul kolom "field" dan "value"`,
      `sheet "${SHARED_SHEET}": its first row must name the columns "field" and "value"`,
    );
  }
  const shared: Record<string, Value> = {};
  for (const { row, values } of rows) {
    const field = String(cellText(values[0]) ?? '');
    const problem = fieldProblem(field);
    if (problem)
      refuse(
        `lembar "${SHARED_SHEET}" baris ${row}: ${problem.id}`,
        `sheet "${SHARED_SHEET}" row ${row}: ${problem.en}`,
      );
    if (field in shared)
      refuse(
        `lembar "${SHARED_SHEET}": "${field}" ditulis dua kali`,
        `sheet "${SHARED_SHEET}": "${field}" is given twice`,
      );
    const { text, problem: unreadable } = cell(values[1], field);
    if (unreadable)
      refuse(
        `lembar "${SHARED_SHEET}" baris ${row}: ${unreadable.message.id}`,
        `sheet "${SHARED_SHEET}" row ${row}: ${unreadable.message.en}`,
      );
    if (text !== undefined) shared[field] = typed(field, text);
  }
  return shared;
}

function partnerRows(sheet: ExcelJS.Worksheet): { columns: string[]; rows: PartnerRow[] } {
  const [header, ...body] = gridOf(sheet);
  const columns = (header?.values ?? []).map((v) => String(cellText(v) ?? ''));
  for (const [i, field] of columns.entries()) {
    if (!field) continue;
    const problem = fieldProblem(field);
    if (problem)
      refuse(
        `lembar "${PARTNERS_SHEET}" kolom ${i + 1}: ${problem.id}`,
        `sheet "${PARTNERS_SHEET}" column ${i + 1}: ${problem.en}`,
      );
    if (columns.indexOf(field) !== i)
      refuse(
        `lembar "${PARTNERS_SHEET}": kolom "${field}" ada dua kali`,
        `sheet "${PARTNERS_SHEET}": the column "${field}" is there twice`,
      );
  }
  if (!columns.some((c) => /^parties\[([1-9])\]\./.test(c))) {
    refuse(
      `lembar "${PARTNERS_SHEET}": tiap baris adalah satu mitra, jadi harus ada kolom pihak mitra (mis. parties[1].name.id)`,
      `sheet "${PARTNERS_SHEET}": each row is one partner, so it needs the partner's columns (e.g. parties[1].name.id)`,
    );
  }
  if (body.length === 0)
    refuse(
      `lembar "${PARTNERS_SHEET}" tidak berisi baris mitra`,
      `sheet "${PARTNERS_SHEET}" has no partner rows`,
    );
  if (body.length > MAX_BATCH_ROWS) {
    refuse(
      `lembar "${PARTNERS_SHEET}": ${body.length} baris, paling banyak ${MAX_BATCH_ROWS}: bagi menjadi beberapa buku kerja`,
      `sheet "${PARTNERS_SHEET}": ${body.length} rows, at most ${MAX_BATCH_ROWS}: split it into several workbooks`,
    );
  }
  const rows = body.map(({ row, values }): PartnerRow => {
    const cells: Record<string, Value> = {};
    const problems: Issue[] = [];
    columns.forEach((field, i) => {
      if (!field) return;
      const { text, problem } = cell(values[i], field);
      if (problem) problems.push(problem);
      else if (text !== undefined) cells[field] = typed(field, text);
    });
    return { row, cells, problems };
  });
  return { columns: columns.filter(Boolean), rows };
}

/** The form's top-level fields that neither sheet may leave out (the initiating unit is the drafter's). */
const REQUIRED = Object.entries((agreementFormInputSchema as z.ZodObject).shape)
  .filter(([key, schema]) => key !== 'initiatingUnit' && schema.def.type !== 'optional')
  .map(([key]) => key);

/**
 * Reads a batch workbook, or refuses it with the reason: not an XLSX (or one that unpacks to more
 * than 64 MB), a sheet or its header missing,
 * a column that is no field of the form, a required field in neither sheet, no rows or too many.
 */
export async function readBatchWorkbook(bytes: Uint8Array): Promise<BatchWorkbook> {
  const unreadable = () =>
    refuse('berkas ini bukan buku kerja XLSX yang dapat dibaca', 'the file is not a readable XLSX workbook');
  // The ZIP directory alone: no part is inflated here (the filter declines each one).
  let unpacked = 0;
  try {
    unzipSync(bytes, {
      filter: (part) => {
        unpacked += part.originalSize;
        return false;
      },
    });
  } catch {
    unreadable();
  }
  if (unpacked > MAX_UNPACKED_BYTES) {
    refuse(
      `isi buku kerja lebih dari ${MAX_UNPACKED_BYTES / 1024 / 1024} MB setelah diekstrak (${unpacked} bita)`,
      `the workbook unpacks to more than ${MAX_UNPACKED_BYTES / 1024 / 1024} MB (${unpacked} bytes)`,
    );
  }
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    unreadable();
  }
  const sheet = (name: string) => {
    const found = workbook.worksheets.find((w) => w.name.trim().toLowerCase() === name);
    if (!found) {
      refuse(
        `lembar "${name}" tidak ada (lembar yang diperlukan: "${SHARED_SHEET}" dan "${PARTNERS_SHEET}")`,
        `there is no sheet "${name}" (the sheets needed: "${SHARED_SHEET}" and "${PARTNERS_SHEET}")`,
      );
    }
    return found as ExcelJS.Worksheet;
  };
  const shared = sharedFields(sheet(SHARED_SHEET));
  const { columns, rows } = partnerRows(sheet(PARTNERS_SHEET));
  const given = [...Object.keys(shared), ...columns].map((f) => f.split(/[.[]/)[0]);
  const missing = REQUIRED.filter((key) => !given.includes(key));
  if (missing.length) {
    refuse(
      `isian ${missing.join(', ')} tidak ada di lembar "${SHARED_SHEET}" maupun "${PARTNERS_SHEET}"`,
      `no field ${missing.join(', ')} in the sheet "${SHARED_SHEET}" or "${PARTNERS_SHEET}"`,
    );
  }
  return { shared, columns, rows };
}

/**
 * One partner's form: the shared fields, then the row's, under the drafter's unit. The region's own
 * party (the first) may be left out: drafting completes it from the region's profile.
 */
export function formOfRow(workbook: BatchWorkbook, row: PartnerRow, unit: string): Record<string, unknown> {
  const form: Record<string, unknown> = {};
  for (const [field, value] of Object.entries({ ...workbook.shared, ...row.cells })) {
    const path = pathOf(field) as Path;
    let at: Record<string | number, unknown> = form;
    path.forEach((key, i) => {
      if (i === path.length - 1) {
        at[key] = value;
        return;
      }
      at[key] ??= typeof path[i + 1] === 'number' ? [] : {};
      at = at[key] as Record<string | number, unknown>;
    });
  }
  const parties = form.parties as unknown[] | undefined;
  if (parties && parties[0] === undefined) parties[0] = null;
  form.initiatingUnit = { code: unit };
  return form;
}

/** What the result workbook says of one row: its agreement, or its errors. */
export interface RowOutcome {
  row: number;
  agreementId?: string;
  errors?: Issue[];
}

/** The partners sheet given back, each row with its agreement id or its errors (English and Indonesian). */
export async function batchResultWorkbook(
  workbook: BatchWorkbook,
  outcomes: RowOutcome[],
): Promise<Uint8Array> {
  const { default: Excel } = await import('exceljs');
  const result = new Excel.Workbook();
  const sheet = result.addWorksheet('result');
  sheet.addRow(['row', 'status', 'agreement_id', 'error', 'galat', ...workbook.columns]);
  sheet.getRow(1).font = { bold: true };
  const byRow = new Map(outcomes.map((o) => [o.row, o]));
  for (const row of workbook.rows) {
    const outcome = byRow.get(row.row);
    const errors = outcome?.errors ?? [];
    const line = (lang: 'id' | 'en') =>
      errors.map((e) => (e.path ? `${e.path}: ${e.message[lang]}` : e.message[lang])).join('; ');
    sheet.addRow([
      row.row,
      outcome?.agreementId ? 'drafted' : 'failed',
      outcome?.agreementId ?? '',
      line('en'),
      line('id'),
      ...workbook.columns.map((c) => {
        const v = row.cells[c];
        return Array.isArray(v) ? v.join(', ') : (v ?? '');
      }),
    ]);
  }
  return new Uint8Array(await result.xlsx.writeBuffer());
}
