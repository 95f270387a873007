import ExcelJS from 'exceljs';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  batchResultWorkbook,
  formOfRow,
  MAX_UNPACKED_BYTES,
  readBatchWorkbook,
  WorkbookRefused,
} from '../../shared/batch/workbook.js';

type Cell = string | number | null;

async function book(shared: [string, Cell][], columns: string[], rows: Cell[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const s = wb.addWorksheet('Shared');
  s.addRow(['Field', 'Value']);
  for (const r of shared) s.addRow(r);
  const p = wb.addWorksheet('partners');
  p.addRow(columns);
  for (const r of rows) p.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const SHARED: [string, Cell][] = [
  ['documentType', 'PKS'],
  ['category', 'KSDPK'],
  ['languages', 'id, en'],
  ['title.id', 'Judul bersama'],
  ['fields', 'education; health'],
  ['purpose.id', 'Maksud'],
  ['scope[0].id', 'lingkup'],
  ['effectiveFrom', 'signing'],
  ['signing.place.id', 'Semarang'],
  ['durationYears', '3'],
  ['obligations[1].party', 1],
];

async function refusal(bytes: Uint8Array): Promise<string> {
  try {
    await readBatchWorkbook(bytes);
  } catch (error) {
    if (error instanceof WorkbookRefused) return error.reason.en;
    throw error;
  }
  throw new Error('not refused');
}

describe('reading a batch workbook', () => {
  it('types each value as the form takes it at its path, and lets a row override a shared field', async () => {
    const wb = await readBatchWorkbook(
      await book(
        SHARED,
        ['parties[1].name.id', 'title.id', 'parties[1].documentNumber'],
        [
          ['SMA 1', null, 42],
          ['SMA 2', 'Judul sendiri', null],
        ],
      ),
    );
    expect(wb.shared).toMatchObject({
      languages: ['id', 'en'],
      fields: ['education', 'health'],
      durationYears: 3,
      'obligations[1].party': 1,
    });
    expect(wb.rows.map((r) => r.row)).toEqual([2, 3]);
    const [first, second] = wb.rows.map((row) => formOfRow(wb, row, 'DISDIK'));
    expect(first).toMatchObject({
      title: { id: 'Judul bersama' },
      parties: [null, { name: { id: 'SMA 1' }, documentNumber: '42' }],
      initiatingUnit: { code: 'DISDIK' },
    });
    expect((first?.obligations as unknown[] | undefined)?.[1]).toEqual({ party: 1 });
    expect(second?.title).toEqual({ id: 'Judul sendiri' });
  });

  it('reports a number a spreadsheet has rounded as the row’s problem, not the workbook’s', async () => {
    const wb = await readBatchWorkbook(
      await book(
        SHARED,
        ['parties[1].name.id', 'parties[1].documentNumber'],
        [['SMA 1', 1234567890123456800]],
      ),
    );
    expect(wb.rows[0]?.problems).toEqual([
      {
        path: 'parties[1].documentNumber',
        message: expect.objectContaining({ en: expect.stringMatching(/15 digits/) }),
      },
    ]);
  });

  it.each([
    ['title', /"title" is not a field of the form/],
    ['scope[100].id', /"scope\[100\]\.id" is not a field of the form/],
    ['parties[1].nama', /"parties\[1\]\.nama" is not a field of the form/],
    ['__proto__', /"__proto__" is not a field of the form/],
    ['constructor.name', /"constructor\.name" is not a field of the form/],
  ])('refuses the column %j, naming it', async (column, message) => {
    expect(await refusal(await book(SHARED, ['parties[1].name.id', column], [['SMA 1', 'x']]))).toMatch(
      message,
    );
  });

  it('refuses a decompression bomb from its ZIP directory, before inflating it, and what is no ZIP at all', async () => {
    const bomb = zipSync(
      { 'xl/worksheets/sheet1.xml': new Uint8Array(MAX_UNPACKED_BYTES + 1) },
      { level: 9 },
    );
    expect(bomb.byteLength).toBeLessThan(200 * 1024);
    expect(await refusal(bomb)).toBe(
      `the workbook unpacks to more than 64 MB (${MAX_UNPACKED_BYTES + 1} bytes)`,
    );
    expect(await refusal(new TextEncoder().encode('field,value\ntitle.id,x\n'))).toBe(
      'the file is not a readable XLSX workbook',
    );
  });

  it('refuses a shared field given twice, and a workbook without partner rows', async () => {
    expect(
      await refusal(await book([...SHARED, ['title.id', 'lagi']], ['parties[1].name.id'], [['A']])),
    ).toBe('sheet "shared": "title.id" is given twice');
    expect(await refusal(await book(SHARED, ['parties[1].name.id'], []))).toBe(
      'sheet "partners" has no partner rows',
    );
  });

  it('gives back each row with its agreement or its errors, in both languages', async () => {
    const wb = await readBatchWorkbook(await book(SHARED, ['parties[1].name.id'], [['SMA 1'], ['SMA 2']]));
    const bytes = await batchResultWorkbook(wb, [
      { row: 2, agreementId: '01JBZZZZZZZZZZZZZZZZZZZZZZ' },
      { row: 3, errors: [{ path: 'parties[1].country', message: { id: 'wajib diisi', en: 'is required' } }] },
    ]);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const values = back.getWorksheet('result')?.getSheetValues().slice(1) as ExcelJS.CellValue[][];
    expect(values.map((v) => Array.from(v.slice(1), (x) => x ?? ''))).toEqual([
      ['row', 'status', 'agreement_id', 'error', 'galat', 'parties[1].name.id'],
      [2, 'drafted', '01JBZZZZZZZZZZZZZZZZZZZZZZ', '', '', 'SMA 1'],
      [3, 'failed', '', 'parties[1].country: is required', 'parties[1].country: wajib diisi', 'SMA 2'],
    ]);
  });
});
