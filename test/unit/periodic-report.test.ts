import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePeriod } from '../../shared/evaluation/period.js';
import { type PeriodicReport, writeReportXlsx } from '../../shared/evaluation/periodic-report.js';

const report: PeriodicReport = {
  region: 'Provinsi Jawa Tengah',
  period: parsePeriod('2026') as NonNullable<ReturnType<typeof parsePeriod>>,
  generatedAt: '2027-01-05T02:00:00.000Z',
  rows: [
    {
      agreementId: '01JAAAAAAAAAAAAAAAAAAAAAA1',
      documentType: 'MOU',
      category: 'KSDPL',
      title: 'Kerja Sama Provinsi Bersaudara',
      partners: 'The State Government of Queensland',
      countries: ['AU'],
      fields: ['education', 'tourism'],
      unit: 'DISPAR',
      signedAt: '2019-08-06',
      validFrom: '2019-08-06',
      validUntil: '2024-08-05',
      status: 'expired',
      activities: ['2026-S1: pertukaran pelajar 20 orang', '2026-S2: promosi pariwisata di Brisbane'],
    },
    {
      agreementId: '01JAAAAAAAAAAAAAAAAAAAAAA2',
      documentType: 'PKS',
      category: 'KSDPK',
      title: 'Peningkatan Kompetensi Guru SMA',
      partners: 'Universitas Sultan Ageng Tirtayasa',
      countries: [],
      fields: ['education'],
      unit: 'DISDIK',
      signedAt: '2021-07-01',
      validFrom: '2021-07-01',
      validUntil: '2023-06-30',
      status: 'expired',
      activities: [],
    },
  ],
};

const dir = mkdtempSync(join(tmpdir(), 'report-xlsx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the periodic report workbook', () => {
  it('has a summary sheet and one sheet per category, read back by exceljs', async () => {
    const path = join(dir, 'report.xlsx');
    await writeReportXlsx(report, path);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Ringkasan', 'KSDD', 'KSDPK', 'KSDPL', 'KSDLL']);
    const summary = workbook.getWorksheet('Ringkasan');
    const ksdpl = summary?.getRow(4).values as unknown[];
    expect(ksdpl).toEqual([
      undefined,
      'KSDPL — Kerja Sama Daerah dengan Pemerintah Daerah di Luar Negeri',
      0,
      1,
      0,
      1,
    ]);
    expect(summary?.getRow(6).getCell(5).value).toBe(2);
    const sheet = workbook.getWorksheet('KSDPL');
    expect(sheet?.getRow(1).getCell(3).value).toBe('Judul');
    const row = sheet?.getRow(2);
    expect(row?.getCell(3).value).toBe('Kerja Sama Provinsi Bersaudara');
    expect(row?.getCell(5).value).toBe('AU');
    expect(row?.getCell(12).value).toBe(
      '2026-S1: pertukaran pelajar 20 orang\n2026-S2: promosi pariwisata di Brisbane',
    );
    expect(workbook.getWorksheet('KSDD')?.rowCount).toBe(1);
  });
});
