import { closeSync, openSync, writeSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { PDFDocument, type PDFFont, PDFName, type PDFObject, type PDFRef } from 'pdf-lib';
import { type Face, fontkitFor, GlyphEncoder, loadFaces } from '../documents/fonts.js';
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

/**
 * A PDF written object by object straight to a file: a page leaves memory as soon as it is written,
 * so a report of 10,000 pages needs no more memory than one of ten.
 */
class PdfFile {
  private readonly fd: number;
  /** Byte offset of each object, by object number, for the cross-reference table. */
  private readonly offsets: number[] = [];
  private position = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
    // The binary comment tells transfer tools the file is not text.
    this.raw(Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'));
  }

  private raw(bytes: Uint8Array) {
    const chunk = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.pending.push(chunk);
    this.pendingBytes += chunk.byteLength;
    this.position += chunk.byteLength;
    if (this.pendingBytes >= 1 << 20) this.drain();
  }

  private text(s: string) {
    this.raw(Buffer.from(s, 'latin1'));
  }

  private drain() {
    writeSync(this.fd, Buffer.concat(this.pending));
    this.pending = [];
    this.pendingBytes = 0;
  }

  dict(n: number, body: string) {
    this.offsets[n] = this.position;
    this.text(`${n} 0 obj\n${body}\nendobj\n`);
  }

  stream(n: number, entries: string, data: Uint8Array) {
    this.offsets[n] = this.position;
    this.text(`${n} 0 obj\n<< ${entries} /Length ${data.byteLength} >>\nstream\n`);
    this.raw(data);
    this.text('\nendstream\nendobj\n');
  }

  /** An object pdf-lib built (the embedded font subsets), serialised by pdf-lib. */
  object(ref: PDFRef, object: PDFObject) {
    const bytes = new Uint8Array(object.sizeInBytes());
    object.copyBytesInto(bytes, 0);
    this.offsets[ref.objectNumber] = this.position;
    this.text(`${ref.objectNumber} ${ref.generationNumber} obj\n`);
    this.raw(bytes);
    this.text('\nendobj\n');
  }

  /** The cross-reference table and trailer; numbers never written are listed as free. */
  close(root: number, info: number): { size: number } {
    const start = this.position;
    const size = this.offsets.length;
    const entries = ['0000000000 65535 f \n'];
    for (let n = 1; n < size; n++) {
      const offset = this.offsets[n];
      entries.push(
        offset === undefined ? '0000000000 65535 f \n' : `${String(offset).padStart(10, '0')} 00000 n \n`,
      );
    }
    this.text(`xref\n0 ${size}\n${entries.join('')}`);
    this.text(
      `trailer\n<< /Size ${size} /Root ${root} 0 R /Info ${info} 0 R >>\nstartxref\n${start}\n%%EOF\n`,
    );
    this.drain();
    closeSync(this.fd);
    return { size: this.position };
  }

  abort() {
    closeSync(this.fd);
  }
}

const deflate = (text: string) => deflateSync(Buffer.from(text, 'latin1'), { level: 1 });

const FONT = { regular: 'R', bold: 'B' } as const;
const FOOTER_SIZE = 6.5;

/**
 * Lays the report out page by page. Page numbers read "Halaman i dari n" although n is known only
 * at the end: each page draws its own "Halaman i" and then a form XObject, written last, that says
 * "dari n".
 */
class ReportWriter {
  private readonly encoders: { regular: GlyphEncoder; bold: GlyphEncoder };
  private readonly refs: { pages: number; resources: number; total: number };
  private readonly kids: number[] = [];
  private ops: string[] = [];
  private y = 0;

  constructor(
    private readonly file: PdfFile,
    private readonly doc: PDFDocument,
    private readonly fonts: { regular: PDFFont; bold: PDFFont },
    private readonly faces: { regular: Face; bold: Face },
    private readonly footer: string,
  ) {
    this.encoders = { regular: new GlyphEncoder(fonts.regular), bold: new GlyphEncoder(fonts.bold) };
    this.refs = { pages: this.reserve(), resources: this.reserve(), total: this.reserve() };
  }

  /** Object numbers come from pdf-lib's counter, so ours never collide with the fonts'. */
  private reserve(): number {
    return this.doc.context.nextRef().objectNumber;
  }

  newPage() {
    if (this.kids.length) this.writePage();
    this.kids.push(this.reserve());
    this.ops = [];
    this.y = PAGE.height - MARGIN;
  }

  private writePage() {
    const prefix = `${this.footer} — Halaman ${this.kids.length}`;
    const x = MARGIN + this.faces.regular.width(`${prefix} `) * FOOTER_SIZE;
    this.write(prefix, 'regular', FOOTER_SIZE, MARGIN, MARGIN - 12);
    this.ops.push(`q 1 0 0 1 ${x.toFixed(2)} ${MARGIN - 12} cm /T Do Q`);
    const content = this.reserve();
    this.file.stream(content, '/Filter /FlateDecode', deflate(`0.4 w 0.5 G\n${this.ops.join('\n')}`));
    this.file.dict(
      this.kids.at(-1) as number,
      `<< /Type /Page /Parent ${this.refs.pages} 0 R /MediaBox [0 0 ${PAGE.width} ${PAGE.height}] ` +
        `/Resources ${this.refs.resources} 0 R /Contents ${content} 0 R >>`,
    );
  }

  private room(height: number) {
    return this.y - height >= MARGIN + 14;
  }

  write(text: string, style: 'regular' | 'bold', size: number, x: number, y: number) {
    const hex = this.encoders[style].hex(text);
    this.ops.push(`BT /${FONT[style]} ${size} Tf ${x.toFixed(2)} ${y.toFixed(2)} Td ${hex} Tj ET`);
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
    const lines = cells.map((text, i) => {
      const room = (widths[i] as number) - 2 * PAD;
      // Most cells fit on one line: measuring the whole text once is a third of wrapping it. Line
      // breaks and tabs (the only controls validated text may hold) take the full path.
      return !/[\n\r\t]/.test(text) && face.width(text) * SIZE <= room
        ? [{ words: [text] }]
        : wrap(text, face, SIZE, room, false);
    });
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
    this.ops.push(`${MARGIN.toFixed(2)} ${this.y.toFixed(2)} m ${x.toFixed(2)} ${this.y.toFixed(2)} l S`);
  }

  /** The last page, "dari n", the fonts (subset to the glyphs used), the page tree and the catalog. */
  async finish(title: string): Promise<{ catalog: number; pageCount: number }> {
    this.writePage();
    const total = this.kids.length;
    const fontDict = `/Font << /R ${this.fonts.regular.ref.objectNumber} 0 R /B ${this.fonts.bold.ref.objectNumber} 0 R >>`;
    this.file.dict(this.refs.resources, `<< ${fontDict} /XObject << /T ${this.refs.total} 0 R >> >>`);
    this.file.stream(
      this.refs.total,
      `/Type /XObject /Subtype /Form /BBox [0 -3 120 10] /Resources << ${fontDict} >>`,
      Buffer.from(
        `BT /R ${FOOTER_SIZE} Tf 0 0 Td ${this.encoders.regular.hex(`dari ${total}`)} Tj ET`,
        'latin1',
      ),
    );
    this.file.dict(
      this.refs.pages,
      `<< /Type /Pages /Count ${total} /Kids [${this.kids.map((k) => `${k} 0 R`).join(' ')}] >>`,
    );
    this.doc.setTitle(title);
    this.doc.setProducer('Kerja Sama reporting (pdf-lib fonts)');
    await this.doc.flush();
    const skip = new Set([this.doc.context.trailerInfo.Root, this.doc.catalog.get(PDFName.of('Pages'))]);
    for (const [ref, object] of this.doc.context.enumerateIndirectObjects()) {
      if (!skip.has(ref)) this.file.object(ref, object);
    }
    const catalog = this.reserve();
    this.file.dict(catalog, `<< /Type /Catalog /Pages ${this.refs.pages} 0 R /Lang (id-ID) >>`);
    return { catalog, pageCount: total };
  }
}

/**
 * The periodic report as a PDF in Indonesian, written to `path`: a summary by category and type,
 * then every agreement.
 */
export async function writeReportPdf(
  report: PeriodicReport,
  path: string,
): Promise<{ size: number; pageCount: number }> {
  const faces = await loadFaces();
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkitFor(faces) as never);
  const [regular, bold] = await Promise.all([
    doc.embedFont(faces.regular.bytes, { subset: true }),
    doc.embedFont(faces.bold.bytes, { subset: true }),
  ]);
  const file = new PdfFile(path);
  try {
    const w = new ReportWriter(
      file,
      doc,
      { regular, bold },
      faces,
      `Laporan Kerja Sama ${report.region}, periode ${report.period.label}, dibuat ${report.generatedAt.slice(0, 10)}`,
    );
    layout(w, report);
    const { catalog, pageCount } = await w.finish(
      `Laporan Pelaksanaan Kerja Sama Daerah ${report.period.label}`,
    );
    const info = doc.context.trailerInfo.Info as PDFRef;
    return { ...file.close(catalog, info.objectNumber), pageCount };
  } catch (error) {
    file.abort();
    throw error;
  }
}

/** What the report says, in order. */
function layout(w: ReportWriter, report: PeriodicReport) {
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
}
