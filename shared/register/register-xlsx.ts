import ExcelJS from 'exceljs';
import type { RegisterEntry } from './entry.js';

const TYPE_NAMES: Record<RegisterEntry['documentType'], string> = { LOI: 'LoI', MOU: 'MoU', PKS: 'PKS' };

/** The register book's columns, headed in Indonesian as the Biro keeps its book. */
const COLUMNS: { header: string; width: number; cell: (e: RegisterEntry) => string | number }[] = [
  { header: 'No. Urut', width: 9, cell: (e) => e.sequence },
  { header: 'Nomor', width: 28, cell: (e) => e.number },
  { header: 'Jenis', width: 7, cell: (e) => TYPE_NAMES[e.documentType] },
  { header: 'Judul', width: 50, cell: (e) => e.title.id },
  { header: 'Perangkat Daerah', width: 16, cell: (e) => e.unit },
  { header: 'Tanggal', width: 12, cell: (e) => e.assignedAt.slice(0, 10) },
  { header: 'Diberikan oleh', width: 24, cell: (e) => e.assignedBy.name },
  { header: 'Id Kerja Sama', width: 28, cell: (e) => e.agreementId },
  { header: 'Status', width: 10, cell: (e) => (e.voided ? 'Batal' : 'Berlaku') },
  { header: 'Alasan Batal', width: 50, cell: (e) => e.voided?.reason ?? '' },
  { header: 'Dibatalkan oleh', width: 24, cell: (e) => e.voided?.by.name ?? '' },
  { header: 'Tanggal Batal', width: 12, cell: (e) => e.voided?.at.slice(0, 10) ?? '' },
];

/** The register book of `year` as a workbook: one sheet, one row per number in sequence order. */
export async function registerWorkbook(
  year: number,
  entries: RegisterEntry[],
  at: string,
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Kerja Sama';
  workbook.created = new Date(at);
  const sheet = workbook.addWorksheet(`Register ${year}`, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map(({ header, width }) => ({ header, width }));
  sheet.getRow(1).font = { bold: true };
  for (const entry of entries) {
    const row = sheet.addRow(COLUMNS.map((c) => c.cell(entry)));
    row.alignment = { wrapText: true, vertical: 'top' };
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
