import { PDFDocument, type PDFFont, PDFName, type PDFPage } from 'pdf-lib';
import { type Faces, type FontStyle, fontkitFor, GlyphEncoder, loadFaces } from './fonts.js';
import { breakLines, clean, glyphCount, type Line, spacing } from './linebreak.js';
import type {
  Block,
  DocumentModel,
  Emblem,
  Language,
  PartyMark,
  SignatureBlock,
  SignatureBox,
} from './model.js';
import { signatoryName } from './names.js';
import { type EmbeddedImage, embedImage } from './pdf-image.js';
import { type Element, StructureTree } from './pdf-tags.js';
import { deflate, makePdfA } from './pdfa.js';

export { type Line, wrap } from './linebreak.js';

export interface RenderedPdf {
  bytes: Uint8Array;
  pageCount: number;
  /** The blank area left for each party's signature, in PDF points; page is 0-based. */
  signatureBoxes: SignatureBox[];
  /**
   * The block that opens the signature page (the page with the closing formula and the signature
   * blocks, which carries no paraf row): the DOCX starts its last section there.
   */
  signaturePageStart: number;
}

export interface PdfOptions {
  /** The form the document was composed from, embedded with the model as the associated agreement.json. */
  form?: unknown;
}

/** A4 in points, margins of about 2.5 cm left and 2 cm elsewhere, with room for the footer. */
const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { left: 68, right: 56, top: 56, bottom: 72 };
const CONTENT = PAGE.width - MARGIN.left - MARGIN.right;
const GUTTER = 18;
const BODY = 10;
const LEADING = 1.38;
const SIGNATURE_SPACE = 60;
/** The paraf row stands above the footer rule; the body ends above it on every page alike. */
const PARAF = { bottom: MARGIN.bottom - 18, box: 24, caption: 5.5, gap: 6, maxWidth: 78 };
const BODY_BOTTOM = MARGIN.bottom + 30;
const EMBLEM = { height: 56, gap: 24, after: 12 };
const METERAI = { width: 62, height: 52 };
/** Lines a split paragraph keeps together at the foot and at the head of a page: no widows, no orphans. */
const MIN_LINES = 2;
const EPSILON = 0.01;

type TextKind = 'title' | 'center' | 'heading' | 'paragraph' | 'item';
type TextBlock = Extract<Block, { kind: TextKind }>;

interface Style {
  font: FontStyle;
  size: number;
  align: 'left' | 'center' | 'justify';
  /** Space after the block, in lines. */
  after: number;
}

const STYLES: Record<TextKind, Style> = {
  title: { font: 'bold', size: 12, align: 'center', after: 0.15 },
  center: { font: 'regular', size: BODY, align: 'center', after: 0.15 },
  heading: { font: 'bold', size: BODY, align: 'center', after: 0.35 },
  paragraph: { font: 'regular', size: BODY, align: 'justify', after: 0.45 },
  item: { font: 'regular', size: BODY, align: 'justify', after: 0.3 },
};

const FONT: Record<FontStyle, string> = { regular: 'F1', bold: 'F2', italic: 'F3' };

interface Column {
  x: number;
  width: number;
}

/** A block's text in one column: lines plus where and how to draw them. */
interface Cell {
  lines: Line[];
  lang: Language;
  style: Style;
  column: Column;
  /** Hanging label and the indent of the text after it. */
  label?: string;
  indent: number;
}

interface LaidParty {
  party: SignatureBlock;
  index: number;
  column: Column;
  top: Cell[];
  bottom: Cell[];
}

/** What the paginator moves: a block's rows of lines, a gap, a row of signature blocks, the emblems. */
type Unit =
  | {
      type: 'text';
      block: number;
      kind: TextKind;
      cells: Cell[];
      lineHeight: number;
      count: number;
      after: number;
      keepWithNext: boolean;
    }
  | { type: 'space'; block: number; height: number }
  | { type: 'signatures'; block: number; parties: LaidParty[]; topLines: number; height: number }
  | { type: 'emblems'; block: number; height: number };

interface Placement {
  unit: number;
  /** Rows of a text unit placed here. */
  from: number;
  to: number;
  /** Top of the placement on its page. */
  top: number;
}

function columnsFor(bilingual: boolean): Column[] {
  if (!bilingual) return [{ x: MARGIN.left, width: CONTENT }];
  const half = (CONTENT - GUTTER) / 2;
  return [
    { x: MARGIN.left, width: half },
    { x: MARGIN.left + half + GUTTER, width: half },
  ];
}

const unitHeight = (unit: Unit): number =>
  unit.type === 'text' ? unit.count * unit.lineHeight + unit.after : unit.height;

/**
 * Lays the blocks out as units, then pages them under the keeping rules: headings stay with the first
 * lines that follow, paragraphs split only where two lines stay on each side, the closing formula stays
 * on the page of the signature blocks, and a row of signature blocks never splits.
 */
class Layout {
  readonly units: Unit[] = [];
  readonly columns: Column[];
  readonly bilingual: boolean;
  readonly top: number;
  /** First and last unit of the closing formula with the signature blocks. */
  private readonly group?: { start: number; firstRow: number; end: number };

  constructor(
    private readonly doc: DocumentModel,
    private readonly faces: Faces,
    readonly emblemHeight: number,
  ) {
    this.bilingual = doc.languages.includes('en');
    this.columns = columnsFor(this.bilingual);
    this.top = PAGE.height - MARGIN.top;
    if (emblemHeight) this.units.push({ type: 'emblems', block: 0, height: emblemHeight + EMBLEM.after });
    doc.blocks.forEach((block, index) => {
      if (block.kind === 'spacer')
        this.units.push({ type: 'space', block: index, height: BODY * LEADING * 0.6 });
      else if (block.kind === 'signatures') this.signatureUnits(block.parties, index);
      else this.units.push(this.textUnit(block, index));
    });
    this.group = this.signatureGroup();
  }

  cell(text: string, kind: TextKind, column: Column, lang: Language, label?: string): Cell {
    const style = STYLES[kind];
    const face = this.faces[style.font];
    const labelWidth = label ? face.width(label) * style.size : 0;
    const indent = label ? Math.max(18, labelWidth + 5) : 0;
    const lines = breakLines(text, face, style.size, column.width - indent, {
      justify: style.align === 'justify',
      lang,
    });
    return { lines, lang, style, column, indent, ...(label ? { label } : {}) };
  }

  private styled(text: string, font: FontStyle, column: Column, lang: Language): Cell {
    const style: Style = { font, size: BODY, align: 'center', after: 0 };
    const lines = breakLines(text, this.faces[font], BODY, column.width, { justify: false, lang });
    return { lines, lang, style, column, indent: 0 };
  }

  private textUnit(block: TextBlock, index: number): Unit {
    const label = block.kind === 'item' ? block.label : undefined;
    const texts: [string, Language][] = this.bilingual
      ? [
          [block.text.id, 'id'],
          [block.text.en ?? '', 'en'],
        ]
      : [[block.text.id, 'id']];
    const cells = texts.map(([text, lang], i) =>
      this.cell(text, block.kind, this.columns[i] as Column, lang, label),
    );
    const style = STYLES[block.kind];
    const lineHeight = style.size * LEADING;
    return {
      type: 'text',
      block: index,
      kind: block.kind,
      cells,
      lineHeight,
      count: Math.max(...cells.map((c) => c.lines.length)),
      after: style.after * lineHeight,
      keepWithNext: block.kind !== 'paragraph' && block.kind !== 'item',
    };
  }

  /** Signature blocks two per row across the full width; an odd last one centred. */
  private signatureUnits(parties: SignatureBlock[], index: number) {
    const half = (CONTENT - GUTTER) / 2;
    const lineHeight = BODY * LEADING;
    for (let start = 0; start < parties.length; start += 2) {
      const alone = start === parties.length - 1 && parties.length > 1;
      const laid: LaidParty[] = parties.slice(start, start + 2).map((party, k) => {
        const x = alone ? MARGIN.left + (CONTENT - half) / 2 : MARGIN.left + k * (half + GUTTER);
        const column = { x, width: half };
        const top = [this.cell(party.for.id, 'heading', column, 'id')];
        if (party.for.en) top.push(this.styled(party.for.en, 'italic', column, 'en'));
        const bottom = [this.styled(signatoryName(party.name), 'bold', column, 'id')];
        bottom.push(this.cell(party.position.id, 'center', column, 'id'));
        if (party.position.en) bottom.push(this.styled(party.position.en, 'italic', column, 'en'));
        return { party, index: start + k, column, top, bottom };
      });
      const linesOf = (cells: Cell[]) => cells.reduce((n, c) => n + c.lines.length, 0);
      const topLines = Math.max(...laid.map((l) => linesOf(l.top)));
      const bottomLines = Math.max(...laid.map((l) => linesOf(l.bottom)));
      const height = (topLines + bottomLines) * lineHeight + SIGNATURE_SPACE + lineHeight;
      this.units.push({ type: 'signatures', block: index, parties: laid, topLines, height });
    }
  }

  /**
   * The closing formula (the blocks of the "closing" section, or else the block just before the
   * signatures) through the last signature row.
   */
  private signatureGroup(): { start: number; firstRow: number; end: number } | undefined {
    const firstRow = this.units.findIndex((u) => u.type === 'signatures');
    if (firstRow < 0) return undefined;
    const end = this.units.findLastIndex((u) => u.type === 'signatures');
    let start = this.units.findIndex(
      (u) => u.type !== 'space' && this.doc.blocks[u.block]?.section === 'closing',
    );
    if (start < 0 || start > firstRow) {
      start = firstRow;
      for (let u = firstRow - 1; u >= 0; u--) {
        if (this.units[u]?.type === 'text') {
          start = u;
          break;
        }
      }
    }
    return { start, firstRow, end };
  }

  /** The smallest valid first part of a text unit from row `from`, or all its rows. */
  private firstPart(unit: Extract<Unit, { type: 'text' }>): number {
    for (let k = 1; k < unit.count; k++) if (this.validSplit(unit, 0, k)) return k;
    return unit.count;
  }

  /** A split after row `k` leaves at least two lines of each cell it cuts on both pages. */
  private validSplit(unit: Extract<Unit, { type: 'text' }>, from: number, k: number): boolean {
    return unit.cells.every((cell) => {
      const n = cell.lines.length;
      return from >= n || k >= n || (k - from >= MIN_LINES && n - k >= MIN_LINES);
    });
  }

  /** Height that must fit on the current page before unit `u` is placed there. */
  private need(u: number): number {
    const unit = this.units[u] as Unit;
    const group = this.group;
    if (group && u === group.start) {
      const all = this.span(group.start, group.end);
      return all <= this.top - BODY_BOTTOM ? all : this.span(group.start, group.firstRow);
    }
    if (unit.type !== 'text') return unitHeight(unit);
    if (!unit.keepWithNext) return this.firstPart(unit) * unit.lineHeight;
    let next = u + 1;
    let between = 0;
    while (this.units[next]?.type === 'space') between += unitHeight(this.units[next++] as Unit);
    const following = next < this.units.length ? between + this.need(next) : 0;
    return unitHeight(unit) + following;
  }

  private span(from: number, to: number): number {
    let height = 0;
    for (let u = from; u <= to; u++) height += unitHeight(this.units[u] as Unit);
    return height;
  }

  private paginate(forced: ReadonlySet<number>): Placement[][] {
    const pages: Placement[][] = [[]];
    let y = this.top;
    const current = () => pages.at(-1) as Placement[];
    const newPage = () => {
      pages.push([]);
      y = this.top;
    };
    const room = () => y - BODY_BOTTOM + EPSILON;
    this.units.forEach((unit, u) => {
      if (unit.type === 'space') {
        if (!current().length) return;
        if (room() < unit.height) newPage();
        else y -= unit.height;
        return;
      }
      if ((forced.has(u) || this.need(u) > room()) && current().length) newPage();
      if (unit.type !== 'text') {
        current().push({ unit: u, from: 0, to: 0, top: y });
        y -= unit.height;
        return;
      }
      let from = 0;
      while (from < unit.count) {
        const fits = Math.floor(room() / unit.lineHeight);
        let to = unit.count;
        if (unit.count - from > fits) {
          to = from;
          for (let k = from + fits; k > from; k--) {
            if (this.validSplit(unit, from, k)) {
              to = k;
              break;
            }
          }
          if (to === from) {
            if (current().length) {
              newPage();
              continue;
            }
            to = from + Math.max(1, fits);
          }
        }
        current().push({ unit: u, from, to, top: y });
        y -= (to - from) * unit.lineHeight;
        from = to;
        if (from < unit.count) newPage();
      }
      y -= unit.after;
    });
    return pages;
  }

  /**
   * Pages the document; the signature page must open with a whole block, so that the DOCX can start its
   * signature section there, and a block split across that page's top edge is moved onto it.
   */
  pages(): { pages: Placement[][]; signaturePage: number; signaturePageStart: number } {
    const forced = new Set<number>();
    for (;;) {
      const pages = this.paginate(forced);
      const group = this.group;
      if (!group) return { pages, signaturePage: pages.length, signaturePageStart: this.doc.blocks.length };
      const signaturePage = pages.findIndex((p) => p.some((pl) => pl.unit === group.start));
      const first = pages[signaturePage]?.[0] as Placement;
      if (first.from > 0 && !forced.has(first.unit)) {
        forced.add(first.unit);
        continue;
      }
      const start = signaturePage === 0 ? 0 : (this.units[first.unit] as Unit).block;
      return { pages, signaturePage, signaturePageStart: start };
    }
  }
}

interface Role {
  type: string;
  /** Blocks sharing an element draw into the same one: the lines of a title, "Pasal n" and its heading. */
  element: number;
  list?: number;
}

/** Struct types of the text blocks: a run of title lines is one H1, "Pasal n" joins its heading's H2. */
function roles(blocks: Block[]): Role[] {
  const out: Role[] = [];
  let list = -1;
  blocks.forEach((block, i) => {
    const previous = out[i - 1];
    const next = blocks[i + 1];
    const inTitle = previous?.type === 'H1' && blocks[i - 1]?.section === block.section;
    if (block.kind === 'item') {
      if (blocks[i - 1]?.kind !== 'item') list = i;
      out.push({ type: 'LI', element: i, list });
    } else if (block.kind === 'title')
      out.push({ type: 'H1', element: inTitle && previous ? previous.element : i });
    else if (block.kind === 'center' && inTitle && previous && next?.kind === 'title') {
      out.push({ type: 'H1', element: previous.element });
    } else if (block.kind === 'center' && next?.kind === 'heading') out.push({ type: 'H2', element: i + 1 });
    else if (block.kind === 'heading') out.push({ type: 'H2', element: i });
    else out.push({ type: 'P', element: i });
  });
  return out;
}

/** Where a cell's lines go in the structure tree: the element and its type, and the label's element. */
interface Target {
  body: Element;
  type: string;
  label?: Element;
}

/** Draws the paged layout as content streams written as text, tagged for the structure tree. */
class Painter {
  private readonly encoders: Record<FontStyle, GlyphEncoder>;
  private readonly tree: StructureTree;
  private readonly sections = new Map<string, Element>();
  private readonly elements = new Map<string, Element>();
  private readonly roles: Role[];
  private ops: string[] = [];
  private page = 0;
  readonly signatureBoxes: SignatureBox[] = [];

  constructor(
    private readonly doc: DocumentModel,
    private readonly layout: Layout,
    private readonly faces: Faces,
    fonts: Record<FontStyle, PDFFont>,
    pdfPages: PDFPage[],
    pdf: PDFDocument,
    private readonly emblems: { emblem: Emblem; width: number }[],
  ) {
    this.encoders = {
      regular: new GlyphEncoder(fonts.regular),
      bold: new GlyphEncoder(fonts.bold),
      italic: new GlyphEncoder(fonts.italic),
    };
    this.tree = new StructureTree(pdf.context, pdfPages, 'id');
    this.roles = roles(doc.blocks);
  }

  finish(catalog: Parameters<StructureTree['finish']>[0]) {
    this.tree.finish(catalog);
  }

  private text(
    words: string[],
    x: number,
    baseline: number,
    font: FontStyle,
    size: number,
    stretch = 0,
    tracking = 0,
  ) {
    const encoder = this.encoders[font];
    // Rounded towards zero, so that rounding never pushes a justified line past its column.
    const down = (n: number, digits: number) => (Math.floor(n * 10 ** digits) / 10 ** digits).toFixed(digits);
    const adjust = stretch ? ` -${down((stretch * 1000) / size, 2)} ` : '';
    const shown = words.map((w, i) => encoder.hex(i < words.length - 1 ? `${w} ` : w)).join(adjust);
    const tc = tracking ? `${down(tracking, 4)} Tc ` : '';
    this.ops.push(
      `BT /${FONT[font]} ${size} Tf ${tc}${x.toFixed(2)} ${baseline.toFixed(2)} Td [${shown}] TJ ${tracking ? '0 Tc ' : ''}ET`,
    );
  }

  private marked(element: Element, type: string, draw: () => void) {
    const mcid = this.tree.mark(element, this.page);
    this.ops.push(`/${type} <</MCID ${mcid}>> BDC`);
    draw();
    this.ops.push('EMC');
  }

  private artifact(draw: () => void) {
    this.ops.push('/Artifact <</Type /Pagination>> BDC');
    draw();
    this.ops.push('EMC');
  }

  private section(key: string, lang: Language): Element {
    let section = this.sections.get(key);
    if (!section) {
      section = this.tree.element('Sect', this.tree.root, lang);
      this.sections.set(key, section);
    }
    return section;
  }

  private cached(key: string, make: () => Element): Element {
    let element = this.elements.get(key);
    if (!element) {
      element = make();
      this.elements.set(key, element);
    }
    return element;
  }

  /** One line of a cell, justified within the column; the gaps and tracking come from `spacing`. */
  private line(cell: Cell, index: number, baseline: number, target: Target) {
    const line = cell.lines[index];
    if (!line) return;
    const { style, column } = cell;
    const face = this.faces[style.font];
    const width = column.width - cell.indent;
    let x = column.x + cell.indent;
    if (style.align === 'center') x = column.x + (column.width - line.width) / 2;
    const gaps = line.words.length - 1;
    const fill = line.justify
      ? spacing(width - line.width, gaps, glyphCount(line), face.width(' ') * style.size, style.size)
      : { stretch: 0, tracking: 0 };
    const drawLabel = () => this.text([cell.label as string], column.x, baseline, style.font, style.size);
    if (index === 0 && cell.label) {
      if (target.label) this.marked(target.label, 'Lbl', drawLabel);
      else drawLabel();
    }
    if (!line.words.length) return;
    this.marked(target.body, target.type, () =>
      this.text(line.words, x, baseline, style.font, style.size, fill.stretch, fill.tracking),
    );
  }

  /** The structure element of a text block's cell, created in reading order. */
  private elementFor(block: number, lang: Language): Target {
    const role = this.roles[block] as Role;
    const section = this.section(lang, lang);
    if (role.type !== 'LI') {
      const body = this.cached(`${lang}:${role.element}`, () => this.tree.element(role.type, section, lang));
      return { body, type: role.type };
    }
    const list = this.cached(`${lang}:L${role.list}`, () => this.tree.element('L', section, lang));
    const item = this.cached(`${lang}:${block}`, () => this.tree.element('LI', list, lang));
    return {
      label: this.cached(`${lang}:${block}:Lbl`, () => this.tree.element('Lbl', item, lang)),
      body: this.cached(`${lang}:${block}:LBody`, () => this.tree.element('LBody', item, lang)),
      type: 'LBody',
    };
  }

  private placeText(unit: Extract<Unit, { type: 'text' }>, placement: Placement) {
    for (let row = placement.from; row < placement.to; row++) {
      const size = STYLES[unit.kind].size;
      const baseline = placement.top - (row - placement.from) * unit.lineHeight - size;
      for (const cell of unit.cells) {
        if (cell.lines[row]) this.line(cell, row, baseline, this.elementFor(unit.block, cell.lang));
      }
    }
  }

  private placeSignatures(unit: Extract<Unit, { type: 'signatures' }>, top: number) {
    const lineHeight = BODY * LEADING;
    const section = this.section('signatures', 'id');
    const stack = (cells: Cell[], from: number, party: Element, key: string) => {
      let y = from;
      cells.forEach((cell, c) => {
        const element = this.cached(`${key}:${c}`, () => this.tree.element('P', party, cell.lang));
        for (let i = 0; i < cell.lines.length; i++) {
          this.line(cell, i, y - cell.style.size, { body: element, type: 'P' });
          y -= lineHeight;
        }
      });
    };
    const boxTop = top - unit.topLines * lineHeight;
    for (const laid of unit.parties) {
      const party = this.tree.element('Div', section, 'id');
      stack(laid.top, top, party, `sig${laid.index}:top`);
      const box = { x: laid.column.x, width: laid.column.width };
      if (laid.party.meterai) {
        this.meterai(laid.column.x + 4, boxTop - (SIGNATURE_SPACE + METERAI.height) / 2);
        box.x += METERAI.width + 8;
        box.width -= METERAI.width + 8;
      }
      this.signatureBoxes.push({
        party: laid.index,
        page: this.page,
        x: box.x,
        y: boxTop - SIGNATURE_SPACE,
        width: box.width,
        height: SIGNATURE_SPACE,
      });
      stack(laid.bottom, boxTop - SIGNATURE_SPACE, party, `sig${laid.index}:bottom`);
    }
  }

  /** A dashed box where the stamp duty is affixed and signed across. */
  private meterai(x: number, y: number) {
    const label = 'METERAI';
    const size = 7;
    const width = this.faces.regular.width(label) * size;
    this.artifact(() => {
      this.ops.push(
        `q 0.6 w [2 2] 0 d ${x.toFixed(2)} ${y.toFixed(2)} ${METERAI.width} ${METERAI.height} re S Q`,
      );
      this.text([label], x + (METERAI.width - width) / 2, y + METERAI.height / 2 - size / 3, 'regular', size);
    });
  }

  private placeEmblems(top: number) {
    const total = this.emblems.reduce((w, e) => w + e.width, 0) + EMBLEM.gap * (this.emblems.length - 1);
    let x = MARGIN.left + (CONTENT - total) / 2;
    const height = this.layout.emblemHeight;
    for (const { emblem, width } of this.emblems) {
      const y = top - height;
      const figure = this.tree.element('Figure', this.tree.root, 'id');
      this.tree.text(figure, 'Alt', emblem.alt.en ? `${emblem.alt.id} / ${emblem.alt.en}` : emblem.alt.id);
      this.tree.box(figure, [x, y, x + width, y + height]);
      const name = `Im${emblem.party}`;
      this.marked(figure, 'Figure', () =>
        this.ops.push(
          `q ${width.toFixed(2)} 0 0 ${height.toFixed(2)} ${x.toFixed(2)} ${y.toFixed(2)} cm /${name} Do Q`,
        ),
      );
      x += width + EMBLEM.gap;
    }
  }

  /** Paraf boxes of every party, right-aligned above the footer, captioned with each party's label. */
  private paraf(parties: PartyMark[]) {
    const header = this.layout.bilingual ? ['Paraf', 'Initials'] : ['Paraf'];
    const headerWidth = Math.max(...header.map((h) => this.faces.regular.width(h) * 6.5));
    const n = parties.length;
    const width = Math.min(PARAF.maxWidth, (CONTENT - headerWidth - 8 - PARAF.gap * (n - 1)) / n);
    const right = PAGE.width - MARGIN.right;
    const left = right - n * width - (n - 1) * PARAF.gap;
    const y = PARAF.bottom;
    this.artifact(() => {
      header.forEach((h, i) => {
        this.text(
          [h],
          left - 8 - this.faces.regular.width(h) * 6.5,
          y + PARAF.box - 8 - i * 8,
          i ? 'italic' : 'regular',
          6.5,
        );
      });
      parties.forEach((party, i) => {
        const x = left + i * (width + PARAF.gap);
        this.ops.push(`q 0.5 w ${x.toFixed(2)} ${y} ${width.toFixed(2)} ${PARAF.box} re S Q`);
        const captions: [string, FontStyle][] = [[party.label.id, 'regular']];
        if (this.layout.bilingual && party.label.en) captions.push([party.label.en, 'italic']);
        captions.forEach(([caption, font], line) => {
          const size = Math.max(4, Math.min(PARAF.caption, (width - 2) / this.faces[font].width(caption)));
          const w = this.faces[font].width(caption) * size;
          const baseline = y + PARAF.box + 3 + (captions.length - 1 - line) * (PARAF.caption + 1.5);
          this.text(caption.split(' '), x + (width - w) / 2, baseline, font, size);
        });
      });
    });
  }

  /** Footer on every page: the document number and "Halaman X dari Y / Page X of Y". */
  private footer(total: number) {
    const size = 8;
    const right = PAGE.width - MARGIN.right;
    const lineY = MARGIN.bottom - 24;
    const n = this.page + 1;
    const pageText = `Halaman ${n} dari ${total}${this.layout.bilingual ? ` / Page ${n} of ${total}` : ''}`;
    this.artifact(() => {
      this.ops.push(`q 0.5 w ${MARGIN.left} ${lineY} m ${right.toFixed(2)} ${lineY} l S Q`);
      const baseline = lineY - 12;
      const number = clean(this.doc.documentNumber).split(' ').filter(Boolean);
      if (number.length) this.text(number, MARGIN.left, baseline, 'regular', size);
      this.text(
        pageText.split(' '),
        right - this.faces.regular.width(pageText) * size,
        baseline,
        'regular',
        size,
      );
    });
  }

  paint(pages: Placement[][], signaturePage: number): string[] {
    return pages.map((placements, p) => {
      this.page = p;
      this.ops = [];
      for (const placement of placements) {
        const unit = this.layout.units[placement.unit] as Unit;
        if (unit.type === 'text') this.placeText(unit, placement);
        else if (unit.type === 'signatures') this.placeSignatures(unit, placement.top);
        else if (unit.type === 'emblems') this.placeEmblems(placement.top);
      }
      if (p < signaturePage && this.doc.parties?.length) this.paraf(this.doc.parties);
      this.footer(pages.length);
      return this.ops.join('\n');
    });
  }
}

/** Emblems scaled to one height, narrowed together when a row of them would not fit the width. */
async function embedEmblems(pdf: PDFDocument, emblems: Emblem[]) {
  const images = await Promise.all(emblems.map((e) => embedImage(pdf, e.image)));
  const widths = images.map((img) => Math.min(EMBLEM.height * 2.5, (img.width / img.height) * EMBLEM.height));
  const total = widths.reduce((a, b) => a + b, 0) + EMBLEM.gap * (emblems.length - 1);
  const scale = Math.min(1, CONTENT / total);
  return {
    height: emblems.length ? EMBLEM.height * scale : 0,
    placed: emblems.map((emblem, i) => ({
      emblem,
      image: images[i] as EmbeddedImage,
      width: (widths[i] as number) * scale,
    })),
  };
}

/**
 * Renders the document as an A4 PDF/A-3b: Indonesian left, English right, row by row; tagged, with the
 * agreement's data inside.
 */
export async function renderPdf(doc: DocumentModel, options: PdfOptions = {}): Promise<RenderedPdf> {
  const faces = await loadFaces();
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.registerFontkit(fontkitFor(faces) as never);
  const [regular, bold, italic] = await Promise.all(
    (['regular', 'bold', 'italic'] as const).map((style) =>
      pdf.embedFont(faces[style].bytes, { subset: true }),
    ),
  );
  const fonts = { regular, bold, italic } as Record<FontStyle, PDFFont>;
  const emblems = await embedEmblems(pdf, doc.emblems ?? []);
  const layout = new Layout(doc, faces, emblems.height);
  const { pages, signaturePage, signaturePageStart } = layout.pages();
  const pdfPages = pages.map(() => pdf.addPage([PAGE.width, PAGE.height]));
  const painter = new Painter(doc, layout, faces, fonts, pdfPages, pdf, emblems.placed);
  const contents = painter.paint(pages, signaturePage);
  const fontRefs = Object.fromEntries(
    (Object.keys(FONT) as FontStyle[]).map((style) => [FONT[style], fonts[style].ref]),
  );
  const images = Object.fromEntries(emblems.placed.map((e) => [`Im${e.emblem.party}`, e.image.ref]));
  pdfPages.forEach((page, i) => {
    // Each page its own resources: a signature's visible block, added to one page's, changes that page alone.
    page.node.set(
      PDFName.of('Resources'),
      pdf.context.obj({ Font: fontRefs, ...(emblems.placed.length ? { XObject: images } : {}) }),
    );
    page.node.set(
      PDFName.of('Contents'),
      pdf.context.register(pdf.context.stream(deflate(contents[i] as string), { Filter: 'FlateDecode' })),
    );
  });
  painter.finish(pdf.catalog);
  pdf.setLanguage('id');
  makePdfA(pdf, doc, options.form);
  const bytes = await pdf.save();
  return { bytes, pageCount: pages.length, signatureBoxes: painter.signatureBoxes, signaturePageStart };
}
