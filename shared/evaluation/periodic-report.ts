import ExcelJS from 'exceljs';
import { CATEGORIES, type Category, type DocumentType } from '../form/agreement-form.js';
import type { Period } from './period.js';

/** One agreement as the periodic report to the Ministry of Home Affairs lists it. */
export interface ReportRow {
  agreementId: string;
  documentType: DocumentType;
  category: Category;
  title: string;
  partners: string;
  countries: string[];
  fields: string[];
  unit: string;
  signedAt?: string;
  validFrom?: string;
  validUntil?: string;
  status: string;
  /** Activities reported for the period, one line each. */
  activities: string[];
}

export interface PeriodicReport {
  region: string;
  period: Period;
  generatedAt: string;
  rows: ReportRow[];
}

export const CATEGORY_NAMES: Record<Category, string> = {
  KSDD: 'Kerja Sama Daerah dengan Daerah Lain',
  KSDPK: 'Kerja Sama Daerah dengan Pihak Ketiga',
  KSDPL: 'Kerja Sama Daerah dengan Pemerintah Daerah di Luar Negeri',
  KSDLL: 'Kerja Sama Daerah dengan Lembaga di Luar Negeri',
};

/** The columns of each category sheet, headed in Indonesian as the Ministry reads them. */
const COLUMNS: { header: string; key: keyof ReportRow | 'no'; width: number }[] = [
  { header: 'No', key: 'no', width: 6 },
  { header: 'Jenis', key: 'documentType', width: 8 },
  { header: 'Judul', key: 'title', width: 48 },
  { header: 'Mitra', key: 'partners', width: 36 },
  { header: 'Negara', key: 'countries', width: 10 },
  { header: 'Bidang', key: 'fields', width: 28 },
  { header: 'Perangkat Daerah', key: 'unit', width: 14 },
  { header: 'Tanggal Penandatanganan', key: 'signedAt', width: 14 },
  { header: 'Berlaku Sejak', key: 'validFrom', width: 14 },
  { header: 'Berlaku Sampai', key: 'validUntil', width: 14 },
  { header: 'Status', key: 'status', width: 12 },
  { header: 'Kegiatan yang Dilaporkan', key: 'activities', width: 60 },
];

function cells(row: ReportRow, n: number): (string | number)[] {
  return COLUMNS.map(({ key }) => {
    if (key === 'no') return n;
    const value = row[key];
    if (Array.isArray(value)) return value.join(key === 'activities' ? '\n' : ', ');
    return value ?? '';
  });
}

/**
 * The periodic report as a workbook: a summary sheet, then one sheet per category. Written with the
 * streaming writer, straight to `path`: rows go to disk as they are committed, so a year of 100,000
 * agreements stays within a Lambda's memory.
 */
export async function writeReportXlsx(report: PeriodicReport, path: string): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = 'Kerja Sama';
  workbook.created = new Date(report.generatedAt);

  const summary = workbook.addWorksheet('Ringkasan');
  summary.columns = [
    { header: 'Kategori', key: 'category', width: 60 },
    { header: 'LoI', key: 'LOI', width: 8 },
    { header: 'MoU', key: 'MOU', width: 8 },
    { header: 'PKS', key: 'PKS', width: 8 },
    { header: 'Jumlah', key: 'total', width: 10 },
  ];
  summary.getRow(1).font = { bold: true };
  for (const category of CATEGORIES) {
    const rows = report.rows.filter((r) => r.category === category);
    const count = (type: DocumentType) => rows.filter((r) => r.documentType === type).length;
    summary
      .addRow({
        category: `${category} — ${CATEGORY_NAMES[category]}`,
        LOI: count('LOI'),
        MOU: count('MOU'),
        PKS: count('PKS'),
        total: rows.length,
      })
      .commit();
  }
  summary.addRow({ category: 'Jumlah', total: report.rows.length }).commit();
  summary.addRow({}).commit();
  summary.addRow({ category: `Daerah: ${report.region}` }).commit();
  summary
    .addRow({ category: `Periode: ${report.period.label} (${report.period.from} s.d. ${report.period.to})` })
    .commit();
  summary.addRow({ category: `Dibuat: ${report.generatedAt}` }).commit();
  summary.commit();

  for (const category of CATEGORIES) {
    const sheet = workbook.addWorksheet(category);
    sheet.columns = COLUMNS.map(({ header, width }) => ({ header, width }));
    sheet.getRow(1).font = { bold: true };
    let n = 0;
    for (const row of report.rows) {
      if (row.category !== category) continue;
      n += 1;
      const added = sheet.addRow(cells(row, n));
      added.alignment = { wrapText: true, vertical: 'top' };
      added.commit();
    }
    sheet.commit();
  }
  await workbook.commit();
}
