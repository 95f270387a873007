import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePeriod } from '../../shared/evaluation/period.js';
import type { PeriodicReport, ReportRow } from '../../shared/evaluation/periodic-report.js';
import { writeReportPdf } from '../../shared/evaluation/report-pdf.js';
import { pdfContent, pdfText } from '../support/pdf-text.js';
import { darkPixels, rasterise } from '../support/raster.js';

const row = (i: number): ReportRow => ({
  agreementId: `01JAAAAAAAAAAAAAAAAAAA${String(i).padStart(4, '0')}`,
  documentType: i % 2 ? 'MOU' : 'PKS',
  category: i % 3 ? 'KSDPL' : 'KSDPK',
  title: `Kerja Sama Pengembangan Pariwisata nomor ${i}`,
  partners: i === 7 ? 'Województwo Małopolskie' : `Kota Mitra ${i}`,
  countries: i % 3 ? ['JP'] : [],
  fields: ['tourism', 'culture'],
  unit: 'DISPAR',
  signedAt: '2024-03-01',
  validFrom: '2024-03-01',
  validUntil: '2029-02-28',
  status: 'Berlaku',
  activities: [`2026-01-01 s.d. 2026-06-30: Festival budaya bersama ${i}`],
});

const report = (rows: ReportRow[]): PeriodicReport => ({
  region: 'Provinsi Jawa Tengah',
  period: parsePeriod('2026-S1') as NonNullable<ReturnType<typeof parsePeriod>>,
  generatedAt: '2026-07-01T02:00:00.000Z',
  rows,
});

const dir = mkdtempSync(join(tmpdir(), 'report-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function build(r: PeriodicReport) {
  const path = join(dir, `${r.rows.length}.pdf`);
  const written = await writeReportPdf(r, path);
  return { ...written, path, bytes: new Uint8Array(readFileSync(path)) };
}

describe('the periodic report PDF', () => {
  it('is read back by pdf.js: title, summary, every row and page numbers', async () => {
    const rows = Array.from({ length: 120 }, (_, i) => row(i + 1));
    const { bytes, pageCount, size, path } = await build(report(rows));
    expect(pageCount).toBeGreaterThan(3);
    expect(size).toBe(bytes.byteLength);
    // poppler reads the cross-reference table the writer computed, and complains of any flaw in it.
    const info = execFileSync('pdfinfo', [path], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(info).toMatch(new RegExp(`Pages:\\s+${pageCount}\\n`));
    expect(info).toMatch(/Title:\s+Laporan Pelaksanaan Kerja Sama Daerah 2026-S1/);
    const content = await pdfContent(bytes);
    expect(content.pages).toHaveLength(pageCount);
    const text = await pdfText(bytes);
    expect(text).toMatch(/LAPORAN PELAKSANAAN KERJA SAMA DAERAH/);
    expect(text).toMatch(/Periode 2026-S1: 2026-01-01 s\.d\. 2026-06-30/);
    expect(text).toMatch(/KSDPL — Kerja Sama Daerah dengan Pemerintah Daerah di Luar Negeri \(80\)/);
    expect(text).toMatch(/Województwo Małopolskie/);
    for (const i of [1, 60, 120]) expect(text).toContain(`Festival budaya bersama ${i}`);
    expect(text).toContain(`Halaman ${pageCount} dari ${pageCount}`);
  });

  it('says so when a category has no agreement, and draws its glyphs (rasterised)', async () => {
    const { bytes } = await build(report([row(1)]));
    const text = await pdfText(bytes);
    expect(text).toMatch(
      /KSDD — Kerja Sama Daerah dengan Daerah Lain \(0\)\s*Tidak ada kerja sama pada periode ini\./,
    );
    expect(darkPixels(rasterise(bytes, 1, 50))).toBeGreaterThan(500);
  });
});
