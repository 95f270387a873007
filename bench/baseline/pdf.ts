import {
  beginText,
  endText,
  lineTo,
  moveText,
  moveTo,
  PDFArray,
  PDFDocument,
  type PDFFont,
  type PDFName,
  PDFNumber,
  PDFOperator,
  PDFOperatorNames,
  type PDFPage,
  popGraphicsState,
  pushGraphicsState,
  setFontAndSize,
  setLineWidth,
  stroke,
} from 'pdf-lib';
import {
  type Face,
  type Faces,
  type FontStyle,
  fontkitFor,
  loadFaces,
} from '../../shared/documents/fonts.js';
import type { BiText, Block, DocumentModel, Language, SignatureBlock } from '../../shared/documents/model.js';

export interface SignatureBox {
  party: number;
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface RenderedPdf {
  bytes: Uint8Array;
  pageCount: number;
  /** The blank area left for each party's signature, in PDF points; page is 0-based. */
  signatureBoxes: SignatureBox[];
}

/** A4 in points, margins of about 2.5 cm left and 2 cm elsewhere, with room for the footer. */
const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { left: 68, right: 56, top: 56, bottom: 72 };
const GUTTER = 18;
const BODY = 10;
const LEADING = 1.38;
const SIGNATURE_SPACE = 60;

interface Style {
  font: FontStyle;
  size: number;
  align: 'left' | 'center' | 'justify';
  /** Space after the block, in lines. */
  after: number;
}

const STYLES: Record<Exclude<Block['kind'], 'signatures' | 'spacer'>, Style> = {
  title: { font: 'bold', size: 12, align: 'center', after: 0.15 },
  center: { font: 'regular', size: BODY, align: 'center', after: 0.15 },
  heading: { font: 'bold', size: BODY, align: 'center', after: 0.35 },
  paragraph: { font: 'regular', size: BODY, align: 'justify', after: 0.45 },
  item: { font: 'regular', size: BODY, align: 'justify', after: 0.3 },
};

/** One laid-out line: words and the gap to stretch between them when justified. */
export interface Line {
  words: string[];
  width: number;
  justify: boolean;
}

/** Printable text only: NFC so that composed letters (ẵ, ồ) map to one glyph; tabs and controls become spaces. */
function clean(text: string): string {
  return text.normalize('NFC').replace(/[^\P{Cc}\n]/gu, ' ');
}

export function wrap(text: string, face: Face, size: number, width: number, justify: boolean): Line[] {
  const lines: Line[] = [];
  const space = face.width(' ') * size;
  for (const paragraph of clean(text).split('\n')) {
    let words: string[] = [];
    let lineWidth = 0;
    const push = (last: boolean) => {
      lines.push({ words, width: lineWidth, justify: justify && !last && words.length > 1 });
      words = [];
      lineWidth = 0;
    };
    for (const word of paragraph.split(' ').filter(Boolean)) {
      for (const piece of splitLongWord(word, face, size, width)) {
        const w = face.width(piece) * size;
        if (words.length && lineWidth + space + w > width) push(false);
        lineWidth += (words.length ? space : 0) + w;
        words.push(piece);
      }
    }
    push(true);
  }
  return lines;
}

/** A word wider than the column (a URL, a long number) is cut where it no longer fits. */
function splitLongWord(word: string, face: Face, size: number, width: number): string[] {
  if (face.width(word) * size <= width) return [word];
  const pieces: string[] = [];
  let current = '';
  for (const char of word) {
    if (current && face.width(current + char) * size > width) {
      pieces.push(current);
      current = '';
    }
    current += char;
  }
  return current ? [...pieces, current] : pieces;
}

interface Column {
  x: number;
  width: number;
}

/** A block's text in one column: lines plus where and how to draw them. */
interface Cell {
  lines: Line[];
  style: Style;
  column: Column;
  /** Hanging label and the indent of the text after it. */
  label?: string;
  indent: number;
}

class Writer {
  private page!: PDFPage;
  private y = 0;
  private readonly fonts: Record<FontStyle, PDFFont>;
  private readonly faces: Faces;
  private readonly pageFonts = new Map<PDFPage, Map<FontStyle, PDFName>>();
  readonly pages: PDFPage[] = [];
  readonly signatureBoxes: SignatureBox[] = [];

  constructor(
    private readonly pdf: PDFDocument,
    faces: Faces,
    fonts: Record<FontStyle, PDFFont>,
    private readonly columns: Column[],
  ) {
    this.faces = faces;
    this.fonts = fonts;
    this.newPage();
  }

  private newPage() {
    this.page = this.pdf.addPage([PAGE.width, PAGE.height]);
    this.pages.push(this.page);
    this.y = PAGE.height - MARGIN.top;
  }

  private remaining(): number {
    return this.y - MARGIN.bottom;
  }

  private fontName(style: FontStyle): PDFName {
    let names = this.pageFonts.get(this.page);
    if (!names) {
      names = new Map();
      this.pageFonts.set(this.page, names);
    }
    let name = names.get(style);
    if (!name) {
      name = this.page.node.newFontDictionary(style, this.fonts[style].ref);
      names.set(style, name);
    }
    return name;
  }

  /** Draws one line as a single TJ, stretching inter-word gaps for justified lines. */
  text(words: string[], x: number, baseline: number, style: FontStyle, size: number, stretch = 0) {
    const font = this.fonts[style];
    const array = PDFArray.withContext(this.pdf.context);
    const adjust = PDFNumber.of(-((stretch * 1000) / size));
    words.forEach((word, i) => {
      if (i > 0) {
        array.push(font.encodeText(' '));
        if (stretch) array.push(adjust);
      }
      array.push(font.encodeText(word));
    });
    this.page.pushOperators(
      beginText(),
      setFontAndSize(this.fontName(style), size),
      moveText(x, baseline),
      PDFOperator.of(PDFOperatorNames.ShowTextAdjusted, [array]),
      endText(),
    );
  }

  private cell(text: string, kind: keyof typeof STYLES, column: Column, label?: string): Cell {
    const style = STYLES[kind];
    const face = this.faces[style.font];
    const labelWidth = label ? face.width(label) * style.size : 0;
    const indent = label ? Math.max(18, labelWidth + 5) : 0;
    const lines = wrap(text, face, style.size, column.width - indent, style.align === 'justify');
    return { lines, style, column, indent, ...(label ? { label } : {}) };
  }

  private drawLine(cell: Cell, index: number, baseline: number) {
    const line = cell.lines[index];
    if (!line) return;
    const { style, column } = cell;
    const width = column.width - cell.indent;
    let x = column.x + cell.indent;
    if (style.align === 'center') x = column.x + (column.width - line.width) / 2;
    const gaps = line.words.length - 1;
    const stretch = line.justify && gaps > 0 ? (width - line.width) / gaps : 0;
    if (index === 0 && cell.label) this.text([cell.label], column.x, baseline, style.font, style.size);
    if (line.words.length) this.text(line.words, x, baseline, style.font, style.size, stretch);
  }

  /** Lays one aligned row: both columns advance line by line and break to a new page together. */
  row(block: Exclude<Block, { kind: 'signatures' | 'spacer' }>) {
    const label = block.kind === 'item' ? block.label : undefined;
    const cells = this.languageTexts(block.text).map(([text], i) =>
      this.cell(text, block.kind, this.columns[i] as Column, label),
    );
    const style = STYLES[block.kind];
    const lineHeight = style.size * LEADING;
    const count = Math.max(...cells.map((c) => c.lines.length));
    const keepWithNext = block.kind !== 'paragraph' && block.kind !== 'item';
    const needed = keepWithNext ? count * lineHeight + 3 * BODY * LEADING : Math.min(count, 2) * lineHeight;
    if (this.remaining() < needed) this.newPage();
    for (let i = 0; i < count; i++) {
      if (this.remaining() < lineHeight) this.newPage();
      const baseline = this.y - style.size;
      for (const cell of cells) this.drawLine(cell, i, baseline);
      this.y -= lineHeight;
    }
    this.y -= style.after * lineHeight;
  }

  private languageTexts(text: BiText): [string, Language][] {
    return this.columns.length === 2
      ? [
          [text.id, 'id'],
          [text.en ?? '', 'en'],
        ]
      : [[text.id, 'id']];
  }

  spacer() {
    this.y -= BODY * LEADING * 0.6;
  }

  /** Signature blocks two per row across the full width, a row never split across pages. */
  signatures(parties: SignatureBlock[]) {
    const full = { x: MARGIN.left, width: PAGE.width - MARGIN.left - MARGIN.right };
    const half = (full.width - GUTTER) / 2;
    for (let start = 0; start < parties.length; start += 2) {
      const pair = parties.slice(start, start + 2).map((party, k) => ({
        party,
        index: start + k,
        column: { x: full.x + k * (half + GUTTER), width: half },
      }));
      const cellsOf = (p: (typeof pair)[number]) => {
        const c = p.column;
        const top = [this.cell(p.party.for.id, 'heading', c)];
        if (p.party.for.en) top.push(this.styled(p.party.for.en, 'italic', 'center', c));
        const bottom = [this.styled(p.party.name.toLocaleUpperCase('id'), 'bold', 'center', c)];
        bottom.push(this.cell(p.party.position.id, 'center', c));
        if (p.party.position.en) bottom.push(this.styled(p.party.position.en, 'italic', 'center', c));
        return { top, bottom };
      };
      const laid = pair.map((p) => ({ ...p, ...cellsOf(p) }));
      const lineHeight = BODY * LEADING;
      const linesOf = (cells: Cell[]) => cells.reduce((n, c) => n + c.lines.length, 0);
      const topLines = Math.max(...laid.map((l) => linesOf(l.top)));
      const bottomLines = Math.max(...laid.map((l) => linesOf(l.bottom)));
      const height = (topLines + bottomLines) * lineHeight + SIGNATURE_SPACE + lineHeight;
      if (this.remaining() < height) this.newPage();
      const drawStack = (cells: Cell[], from: number) => {
        let y = from;
        for (const cell of cells) {
          for (let i = 0; i < cell.lines.length; i++) {
            this.drawLine(cell, i, y - cell.style.size);
            y -= lineHeight;
          }
        }
      };
      const boxTop = this.y - topLines * lineHeight;
      for (const l of laid) {
        drawStack(l.top, this.y);
        this.signatureBoxes.push({
          party: l.index,
          page: this.pages.length - 1,
          x: l.column.x,
          y: boxTop - SIGNATURE_SPACE,
          width: l.column.width,
          height: SIGNATURE_SPACE,
        });
        drawStack(l.bottom, boxTop - SIGNATURE_SPACE);
      }
      this.y -= height;
    }
  }

  private styled(text: string, font: FontStyle, align: Style['align'], column: Column): Cell {
    const style: Style = { font, size: BODY, align, after: 0 };
    return { lines: wrap(text, this.faces[font], BODY, column.width, false), style, column, indent: 0 };
  }

  /** Footer on every page: the document number and "Halaman X dari Y / Page X of Y". */
  footers(documentNumber: string, bilingual: boolean) {
    const total = this.pages.length;
    const size = 8;
    const face = this.faces.regular;
    const right = PAGE.width - MARGIN.right;
    const lineY = MARGIN.bottom - 24;
    this.pages.forEach((page, i) => {
      this.page = page;
      const pageText = `Halaman ${i + 1} dari ${total}${bilingual ? ` / Page ${i + 1} of ${total}` : ''}`;
      page.pushOperators(
        pushGraphicsState(),
        setLineWidth(0.5),
        moveTo(MARGIN.left, lineY),
        lineTo(right, lineY),
        stroke(),
        popGraphicsState(),
      );
      const baseline = lineY - 12;
      const number = clean(documentNumber);
      this.text(number.split(' '), MARGIN.left, baseline, 'regular', size);
      this.text(pageText.split(' '), right - face.width(pageText) * size, baseline, 'regular', size);
    });
  }
}

function columnsFor(bilingual: boolean): Column[] {
  const width = PAGE.width - MARGIN.left - MARGIN.right;
  if (!bilingual) return [{ x: MARGIN.left, width }];
  const half = (width - GUTTER) / 2;
  return [
    { x: MARGIN.left, width: half },
    { x: MARGIN.left + half + GUTTER, width: half },
  ];
}

/** Renders the document as an A4 PDF: Indonesian left, English right, row by row. */
export async function renderPdf(doc: DocumentModel): Promise<RenderedPdf> {
  const faces = await loadFaces();
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.registerFontkit(fontkitFor(faces) as never);
  const [regular, bold, italic] = await Promise.all(
    (['regular', 'bold', 'italic'] as const).map((style) =>
      pdf.embedFont(faces[style].bytes, { subset: true }),
    ),
  );
  const bilingual = doc.languages.includes('en');
  const writer = new Writer(
    pdf,
    faces,
    { regular, bold, italic } as Record<FontStyle, PDFFont>,
    columnsFor(bilingual),
  );
  for (const block of doc.blocks) {
    if (block.kind === 'spacer') writer.spacer();
    else if (block.kind === 'signatures') writer.signatures(block.parties);
    else writer.row(block);
  }
  writer.footers(doc.documentNumber, bilingual);
  pdf.setTitle(doc.title);
  pdf.setLanguage('id-ID');
  pdf.setProducer('Kerja Sama drafting (pdf-lib)');
  const bytes = await pdf.save();
  return { bytes, pageCount: writer.pages.length, signatureBoxes: writer.signatureBoxes };
}
