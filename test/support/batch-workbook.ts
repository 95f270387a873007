import ExcelJS from 'exceljs';
import { sampleFor } from './samples.js';

/**
 * Batch workbooks of the PKS sample (README, "Batch drafting"): its fields on the sheet `shared`, and
 * one fictional school a row on the sheet `partners`.
 */
export type Cell = string | number;

/** The PKS sample's fields as `field`/`value` rows, but the partner's (the second party) and the unit. */
export function sharedRows(): [string, Cell][] {
  const form = sampleFor('pks');
  delete form.initiatingUnit;
  // The region's own party is left out (drafting completes it from the region's profile), the partner
  // is in its row.
  delete form.parties;
  const rows: [string, Cell][] = [];
  const walk = (value: unknown, path: string) => {
    if (Array.isArray(value) && value.every((v) => typeof v === 'string'))
      rows.push([path, value.join(', ')]);
    else if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) walk(v, `${path}[${i}]`);
    } else if (typeof value === 'object' && value !== null)
      for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
    else rows.push([path, value as Cell]);
  };
  walk(form, '');
  return rows;
}

export const PARTNER_COLUMNS = [
  'parties[1].name.id',
  'parties[1].country',
  'parties[1].signatory.name',
  'parties[1].signatory.position.id',
  'parties[1].address',
];

/** The n-th school of the batch (fictional). */
export const school = (n: number): Cell[] => [
  `SMA Negeri ${n} Kota Contoh`,
  'ID',
  `Drs. Kepala Sekolah ${n}, M.Pd.`,
  `Kepala SMA Negeri ${n} Kota Contoh`,
  `Jl. Pendidikan No. ${n}, Kota Contoh`,
];

export interface WorkbookSpec {
  shared?: [string, Cell][] | null;
  sharedHeader?: string[];
  columns?: string[];
  rows?: Cell[][];
}

export async function batchWorkbook(spec: WorkbookSpec = {}): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  if (spec.shared !== null) {
    const shared = book.addWorksheet('shared');
    shared.addRow(spec.sharedHeader ?? ['field', 'value']);
    for (const row of spec.shared ?? sharedRows()) shared.addRow(row);
  }
  const partners = book.addWorksheet('partners');
  partners.addRow(spec.columns ?? PARTNER_COLUMNS);
  for (const row of spec.rows ?? [school(1)]) partners.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}
