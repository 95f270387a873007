import { deflateSync } from 'node:zlib';
import { PDFDocument, type PDFFont, PDFName, PDFPage, PDFRawStream, type PDFRef } from 'pdf-lib';
import { type Face, fontkitFor, loadFaces } from '../documents/fonts.js';
import { wrap } from '../documents/pdf.js';
import { CATEGORIES, DOCUMENT_TYPES } from '../form/agreement-form.js';
import { CATEGORY_NAMES, type PeriodicReport, type ReportRow } from './periodic-report.js';

/** A4 landscape, small print: the Ministry's table has eleven columns. */
const PAGE = { width: 841.89, height: 595.28 };
const MARGIN = 36;
const SIZE = 7;
const LEADING = 8.6;
const PAD = 2;

const COLUMNS: { header: string; width: number; cell: (row: ReportRow, n: number) => string }[] = [
  { header: 'No', width: 26, cell: (_, n) => String(n) },
  { header: 'Jenis', width: 28, cell: (r) => r.documentType },
  { header: 'Judul', width: 148, cell: (r) => r.title },
  { header: 'Mitra', width: 118, cell: (r) => r.partners },
  { header: 'Negara', width: 34, cell: (r) => r.countries.join(', ') },
  { header: 'Bidang', width: 78, cell: (r) => r.fields.join(', ') },
  { header: 'Perangkat Daerah', width: 52, cell: (r) => r.unit },
  { header: 'Tanggal TTD', width: 46, cell: (r) => r.signedAt ?? '' },
  { header: 'Berlaku', width: 64, cell: (r) => `${r.validFrom ?? ''} s.d. ${r.validUntil ?? '—'}` },
  { header: 'Status', width: 46, cell: (r) => r.status },
  { header: 'Kegiatan yang Dilaporkan', width: 130, cell: (r) => r.activities.join('\n') },
];

/** Text of one page, written as raw content-stream operators: 100,000 rows stay fast and small. */
class PageText {
  private ops: string[] = [];
  constructor(
    readonly page: PDFPage,
    /** The page's resource names of the regular and bold fonts. */
    readonly names: { regular: string; bold: string },
  ) {}
  text(font: string, size: number, x: number, y: number, hex: string) {
    this.ops.push(`BT /${font} ${size} Tf ${x.toFixed(2)} ${y.toFixed(2)} Td ${hex} Tj ET`);
  }
  line(x1: number, y1: number, x2: number, y2: number) {
    this.ops.push(`${x1.toFixed(2)} ${y1.toFixed(2)} m ${x2.toFixed(2)} ${y2.toFixed(2)} l S`);
  }
  /** Adds what was written so far to the page as one compressed stream. */
  flush(pdf: PDFDocument) {
    const content = Buffer.from(`0.4 w 0.5 G\n${this.ops.join('\n')}`, 'latin1');
    this.ops = [];
    // Copied out: zlib's result is a view of a larger buffer that would stay allocated with it.
    const compressed = new Uint8Array(deflateSync(content, { level: 1 }));
    const stream = PDFRawStream.of(pdf.context.obj({ Filter: 'FlateDecode' }), compressed);
    this.page.node.addContentStream(pdf.context.register(stream));
  }
}

/**
 * Hex glyph codes per character, asked of pdf-lib once per character rather than once per
 * string: it is what keeps a 10,000-page report in seconds.
 */
class Encoder {
  private readonly codes = new Map<string, string>();
  constructor(private readonly font: PDFFont) {}
  hex(text: string): string {
    let out = '<';
    for (const char of text.normalize('NFC')) {
      let code = this.codes.get(char);
      if (code === undefined) {
        code = this.font.encodeText(char).toString().slice(1, -1);
        this.codes.set(char, code);
      }
      out += code;
    }
    return `${out}>`;
  }
}

class ReportWriter {
  private readonly pages: PageText[] = [];
  private current!: PageText;
  private y = 0;
  private readonly encoders: { regular: Encoder; bold: Encoder };

  constructor(
    private readonly pdf: PDFDocument,
    private readonly fonts: { regular: PDFFont; bold: PDFFont },
    private readonly faces: { regular: Face; bold: Face },
  ) {
    this.encoders = { regular: new Encoder(fonts.regular), bold: new Encoder(fonts.bold) };
  }

  newPage() {
    this.current?.flush(this.pdf);
    // Appended to the page tree directly: addPage walks every earlier page, quadratic in pages.
    const page = PDFPage.create(this.pdf);
    page.setSize(PAGE.width, PAGE.height);
    this.pdf.catalog.Pages().pushLeafNode(page.ref);
    page.node.setParent(this.pdf.catalog.get(PDFName.of('Pages')) as PDFRef);
    this.current = new PageText(page, {
      regular: page.node.newFontDictionary('R', this.fonts.regular.ref).asString().slice(1),
      bold: page.node.newFontDictionary('B', this.fonts.bold.ref).asString().slice(1),
    });
    this.pages.push(this.current);
    this.y = PAGE.height - MARGIN;
  }

  private room(height: number) {
    return this.y - height >= MARGIN + 14;
  }

  write(text: string, style: 'regular' | 'bold', size: number, x: number, y: number) {
    this.current.text(this.current.names[style], size, x, y, this.encoders[style].hex(text));
  }

  heading(text: string, size: number) {
    if (!this.room(size * 3)) this.newPage();
    this.y -= size * 1.4;
    this.write(text, 'bold', size, MARGIN, this.y);
    this.y -= size * 0.6;
  }

  /** One table row: cells wrap in their columns, and a row never splits across pages. */
  row(cells: string[], widths: number[], style: 'regular' | 'bold', onNewPage?: () => void) {
    const face = this.faces[style];
    const lines = cells.map((text, i) => wrap(text, face, SIZE, (widths[i] as number) - 2 * PAD, false));
    const height = Math.max(...lines.map((l) => l.length)) * LEADING + 2 * PAD;
    if (!this.room(height)) {
      this.newPage();
      onNewPage?.();
    }
    let x = MARGIN;
    lines.forEach((cellLines, i) => {
      cellLines.forEach((line, j) => {
        if (line.words.length) {
          this.write(line.words.join(' '), style, SIZE, x + PAD, this.y - PAD - SIZE - j * LEADING);
        }
      });
      x += widths[i] as number;
    });
    this.y -= height;
    this.current.line(MARGIN, this.y, x, this.y);
  }

  /** Page numbers, once the count is known, as a second small stream on each page. */
  finish(footer: string) {
    this.current.flush(this.pdf);
    const total = this.pages.length;
    this.pages.forEach((p, i) => {
      this.current = p;
      this.write(`${footer} — Halaman ${i + 1} dari ${total}`, 'regular', 6.5, MARGIN, MARGIN - 12);
      p.flush(this.pdf);
    });
    return total;
  }
}

/** The periodic report as a PDF in Indonesian: a summary by category and type, then every agreement. */
export async function buildReportPdf(
  report: PeriodicReport,
): Promise<{ bytes: Uint8Array; pageCount: number }> {
  const faces = await loadFaces();
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.registerFontkit(fontkitFor(faces) as never);
  const [regular, bold] = await Promise.all([
    pdf.embedFont(faces.regular.bytes, { subset: true }),
    pdf.embedFont(faces.bold.bytes, { subset: true }),
  ]);
  const w = new ReportWriter(pdf, { regular, bold }, faces);
  w.newPage();
  w.heading('LAPORAN PELAKSANAAN KERJA SAMA DAERAH', 13);
  w.heading(report.region, 11);
  w.heading(`Periode ${report.period.label}: ${report.period.from} s.d. ${report.period.to}`, 9);

  const summaryWidths = [360, 60, 60, 60, 70];
  w.heading('Ringkasan', 10);
  w.row(
    ['Kategori', ...DOCUMENT_TYPES.map((t) => (t === 'LOI' ? 'LoI' : t === 'MOU' ? 'MoU' : t)), 'Jumlah'],
    summaryWidths,
    'bold',
  );
  for (const category of CATEGORIES) {
    const rows = report.rows.filter((r) => r.category === category);
    const counts = DOCUMENT_TYPES.map((t) => String(rows.filter((r) => r.documentType === t).length));
    w.row(
      [`${category} — ${CATEGORY_NAMES[category]}`, ...counts, String(rows.length)],
      summaryWidths,
      'regular',
    );
  }
  w.row(['Jumlah', '', '', '', String(report.rows.length)], summaryWidths, 'bold');

  const widths = COLUMNS.map((c) => c.width);
  const header = () =>
    w.row(
      COLUMNS.map((c) => c.header),
      widths,
      'bold',
    );
  for (const category of CATEGORIES) {
    const rows = report.rows.filter((r) => r.category === category);
    w.heading(`${category} — ${CATEGORY_NAMES[category]} (${rows.length})`, 10);
    if (!rows.length) {
      w.row(['Tidak ada kerja sama pada periode ini.'], [widths.reduce((a, b) => a + b, 0)], 'regular');
      continue;
    }
    header();
    rows.forEach((row, i) => {
      w.row(
        COLUMNS.map((c) => c.cell(row, i + 1)),
        widths,
        'regular',
        header,
      );
    });
  }
  const pageCount = w.finish(
    `Laporan Kerja Sama ${report.region}, periode ${report.period.label}, dibuat ${report.generatedAt.slice(0, 10)}`,
  );
  pdf.setTitle(`Laporan Pelaksanaan Kerja Sama Daerah ${report.period.label}`);
  pdf.setLanguage('id-ID');
  pdf.setProducer('Kerja Sama reporting (pdf-lib)');
  const bytes = await pdf.save({ objectsPerTick: Number.POSITIVE_INFINITY });
  return { bytes, pageCount };
}
