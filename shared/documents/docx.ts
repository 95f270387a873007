import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeightRule,
  ImageRun,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  SectionType,
  Tab,
  Table,
  TableBorders,
  TableCell,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
} from 'docx';
import type { Block, DocumentModel, Emblem, Language, PartyMark, SignatureBlock } from './model.js';
import { signatoryName } from './names.js';
import { parsePng } from './png.js';

export interface DocxOptions {
  /**
   * The block that opens the signature page, as the PDF paged it: the document's last section starts
   * there on a new page, with a footer without paraf boxes. Absent: the closing formula.
   */
  signaturePageStart?: number;
}

/**
 * A4 and margins in twentieths of a point, matching the PDF's page and body area. A bilingual document's
 * repeated "Bahasa Indonesia | English" row stands in the top margin's last 12 points, so that the text
 * below it starts where the PDF's does.
 */
const PAGE = { width: 11906, height: 16838 };
const MARGIN = { left: 1361, right: 1134, top: 1134, bottom: 2040, footer: 720 };
const LANGUAGE_ROW = 240;
const CONTENT = PAGE.width - MARGIN.left - MARGIN.right;
/** Sizes in half-points. */
const BODY = 20;
const TITLE = 24;
const FONT = 'Noto Serif';
/** Half the gutter between the two language columns, as cell padding; the table reaches into the margins by as much. */
const HALF_GUTTER = 180;
const HANGING = 360;
/** The PDF's 1.38 leading of 10-point text, as a minimum line height. */
const LINE = 276;
const SPACER = 166;
const SIGNATURE_SPACE = 1200;
const EMBLEM = { height: 56, after: 240 };
/** Word's language tags; English is hyphenated with the US patterns, as in the PDF. */
const LANG: Record<Language, string> = { id: 'id-ID', en: 'en-US' };

/** XML 1.0 forbids most control characters: a stray one would make Word refuse the file. */
const printable = (text: string) => text.replace(/[^\P{Cc}\n\t]/gu, ' ');

interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  size?: number;
  underline?: boolean;
  lang?: Language;
}

/** Runs for a text, a '\n' becoming a line break. */
function runs(text: string, style: RunStyle = {}): TextRun[] {
  const underline = style.underline ? { underline: {} } : {};
  return printable(text)
    .split('\n')
    .map(
      (line, i) =>
        new TextRun({
          text: line,
          ...(style.bold ? { bold: true } : {}),
          ...(style.italics ? { italics: true } : {}),
          ...(style.size ? { size: style.size } : {}),
          ...(style.lang === 'en' ? { language: { value: LANG.en } } : {}),
          ...underline,
          ...(i > 0 ? { break: 1 } : {}),
        }),
    );
}

type TextBlock = Exclude<Block, { kind: 'signatures' | 'spacer' }>;

/**
 * Formatting lives in named paragraph styles a clerk can change in Word once for the whole document;
 * it is also what keeps rendering fast (a paragraph carries a style id, not a set of properties). Each
 * style has an English variant (the language Word hyphenates with) and one kept with the next paragraph
 * (the closing formula, kept with the signature blocks).
 */
const STYLE_IDS: Record<TextBlock['kind'] | 'spacer', string> = {
  title: 'KsTitle',
  center: 'KsCentre',
  heading: 'KsHeading',
  paragraph: 'KsBody',
  item: 'KsItem',
  spacer: 'KsGap',
};

/** Titles, centred lines and headings stay with what follows and are never split; text has no widows. */
const keep = { keepNext: true, keepLines: true };
const baseStyles = [
  {
    id: 'KsTitle',
    name: 'Agreement title',
    run: { bold: true, size: TITLE },
    paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 50 }, ...keep },
  },
  {
    id: 'KsCentre',
    name: 'Agreement centred',
    paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 40 }, ...keep },
  },
  {
    id: 'KsHeading',
    name: 'Article heading',
    run: { bold: true },
    paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 97 }, ...keep },
  },
  {
    id: 'KsBody',
    name: 'Agreement text',
    paragraph: { alignment: AlignmentType.JUSTIFIED, spacing: { after: 124 }, widowControl: true },
  },
  {
    id: 'KsItem',
    name: 'Agreement list item',
    paragraph: {
      alignment: AlignmentType.JUSTIFIED,
      spacing: { after: 83 },
      widowControl: true,
      indent: { left: HANGING, hanging: HANGING },
      tabStops: [{ type: TabStopType.LEFT, position: HANGING }],
    },
  },
  {
    // As tall as the PDF's spacer.
    id: 'KsGap',
    name: 'Agreement gap',
    paragraph: { spacing: { after: 0, line: SPACER, lineRule: LineRuleType.EXACT } },
  },
];

const paragraphStyles = baseStyles.flatMap((style) => {
  const base = { ...style, basedOn: 'Normal', quickFormat: true };
  const variant = (suffix: string, name: string, extra: object) => ({
    id: `${style.id}${suffix}`,
    name: `${style.name}, ${name}`,
    basedOn: style.id,
    ...extra,
  });
  const english = { run: { language: { value: LANG.en } } };
  const kept = { paragraph: { keepNext: true } };
  return [
    base,
    variant('En', 'English', english),
    variant('Keep', 'kept with the next', kept),
    variant('KeepEn', 'kept with the next, English', { ...english, ...kept }),
  ];
});

const styleOf = (kind: keyof typeof STYLE_IDS, lang: Language, keepNext: boolean) =>
  `${STYLE_IDS[kind]}${keepNext ? 'Keep' : ''}${lang === 'en' ? 'En' : ''}`;

const isKept = (block: Block) =>
  block.kind === 'title' || block.kind === 'center' || block.kind === 'heading';

function paragraphFor(block: TextBlock, text: string, lang: Language, keepNext = false): Paragraph {
  const style = styleOf(block.kind, lang, keepNext && !isKept(block));
  if (block.kind !== 'item') return new Paragraph({ style, children: runs(text) });
  // Long labels ("1.a.") need a wider hanging indent than the style's.
  const wide =
    block.label.length > 3
      ? {
          indent: { left: 2 * HANGING, hanging: 2 * HANGING },
          tabStops: [{ type: TabStopType.LEFT, position: 2 * HANGING }],
        }
      : {};
  return new Paragraph({
    style,
    ...wide,
    children: [new TextRun(block.label), new TextRun({ children: [new Tab()] }), ...runs(text)],
  });
}

const spacer = (keepNext = false) =>
  new Paragraph({ style: styleOf('spacer', 'id', keepNext), children: [] });

/**
 * A paragraph one point tall around the section break: the first section's properties need a paragraph
 * to end it (an empty one of normal height after a full page would push a blank page), and
 * LibreOffice makes a section that opens with a table continuous instead of starting a page.
 */
const hairline = () =>
  new Paragraph({ spacing: { after: 0, line: 20, lineRule: LineRuleType.EXACT }, children: [] });

const cell = (children: Paragraph[]) => new TableCell({ children });

/**
 * A borderless table of two equal columns, the gutter made of cell padding. It reaches half a gutter into
 * each margin, so that the text of each column is as wide as the PDF's.
 */
const twoColumns = (rows: TableRow[]) =>
  new Table({
    rows,
    width: { size: CONTENT + 2 * HALF_GUTTER, type: WidthType.DXA },
    columnWidths: [CONTENT / 2 + HALF_GUTTER, CONTENT / 2 + HALF_GUTTER],
    indent: { size: -HALF_GUTTER, type: WidthType.DXA },
    borders: TableBorders.NONE,
    margins: { left: HALF_GUTTER, right: HALF_GUTTER },
  });

/** One block as a row; the keeps come with the paragraphs' styles, which Word applies to the row. */
function bilingualRow(block: Exclude<Block, { kind: 'signatures' }>, keepNext: boolean): TableRow {
  if (block.kind === 'spacer') {
    return new TableRow({ children: [cell([spacer(keepNext)]), cell([spacer(keepNext)])] });
  }
  return new TableRow({
    cantSplit: isKept(block),
    children: [
      cell([paragraphFor(block, block.text.id, 'id', keepNext)]),
      cell([paragraphFor(block, block.text.en ?? '', 'en', keepNext)]),
    ],
  });
}

/** The dashed box where the stamp duty is affixed, in place of the signature space's first part. */
const meteraiBox = () =>
  new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 320, after: 320 },
    indent: { right: CONTENT / 2 - 1240 },
    border: Object.fromEntries(
      ['top', 'bottom', 'left', 'right'].map((side) => [
        side,
        { style: BorderStyle.DASHED, size: 4, color: '000000', space: 4 },
      ]),
    ),
    children: runs('METERAI', { size: 14 }),
  });

function signatureCell(party: SignatureBlock, keepNext: boolean, columnSpan = 1): TableCell {
  const centred = (children: TextRun[], after = 0) =>
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after }, keepNext: true, children });
  const paragraphs = [centred(runs(party.for.id, { bold: true }))];
  if (party.for.en) paragraphs.push(centred(runs(party.for.en, { italics: true, lang: 'en' })));
  // Room for the signature and the stamp, as tall as the PDF's signature box.
  paragraphs.push(
    party.meterai
      ? meteraiBox()
      : new Paragraph({ spacing: { before: SIGNATURE_SPACE, after: 0 }, keepNext: true, children: [] }),
  );
  paragraphs.push(centred(runs(signatoryName(party.name), { bold: true, underline: true })));
  paragraphs.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: keepNext || Boolean(party.position.en),
      children: runs(party.position.id),
    }),
  );
  if (party.position.en) {
    paragraphs.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        ...(keepNext ? { keepNext } : {}),
        children: runs(party.position.en, { italics: true, lang: 'en' }),
      }),
    );
  }
  paragraphs.push(spacer(keepNext));
  return new TableCell({ columnSpan, children: paragraphs });
}

/** Signature blocks two per row, an odd last one centred across both; rows never split and stay together. */
function signatureTable(parties: SignatureBlock[]): Table {
  const rows: TableRow[] = [];
  for (let i = 0; i < parties.length; i += 2) {
    const more = i + 2 < parties.length;
    const [first, second] = [parties[i] as SignatureBlock, parties[i + 1]];
    const children = second
      ? [signatureCell(first, more), signatureCell(second, more)]
      : [signatureCell(first, more, 2)];
    rows.push(new TableRow({ cantSplit: true, keepNext: more, children }));
  }
  return twoColumns(rows);
}

const languageHeader = () =>
  new TableRow({
    tableHeader: true,
    children: (['Bahasa Indonesia', 'English'] as const).map((label, i) =>
      cell([
        new Paragraph({
          spacing: { after: 0, line: LANGUAGE_ROW, lineRule: LineRuleType.EXACT },
          children: runs(label, { italics: true, size: 14, lang: i ? 'en' : 'id' }),
        }),
      ]),
    ),
  });

/**
 * The first block of the closing formula (the "closing" section, or else the text just before the
 * signatures): from there on everything keeps with the signature blocks, as in the PDF.
 */
function closingFrom(blocks: Block[]): number {
  const closing = blocks.findIndex((b) => b.section === 'closing');
  if (closing >= 0) return closing;
  const signatures = blocks.findIndex((b) => b.kind === 'signatures');
  if (signatures < 0) return blocks.length;
  let last = signatures;
  while (last > 0 && (blocks[last - 1] as Block).kind === 'spacer') last--;
  return Math.max(0, last - 1);
}

/** Body content: one borderless two-column table per run of text blocks, signatures as their own table. */
function bilingualBody(blocks: Block[], from: number, to: number, closing: number): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  let rows: TableRow[] = [languageHeader()];
  const flush = () => {
    if (rows.length > 1) out.push(twoColumns(rows));
    rows = [languageHeader()];
  };
  for (let i = from; i < to; i++) {
    const block = blocks[i] as Block;
    if (block.kind === 'signatures') {
      flush();
      out.push(signatureTable(block.parties));
    } else rows.push(bilingualRow(block, i >= closing));
  }
  flush();
  return out;
}

function singleLanguageBody(
  blocks: Block[],
  from: number,
  to: number,
  closing: number,
): (Paragraph | Table)[] {
  return blocks.slice(from, to).map((block, k) => {
    if (block.kind === 'spacer') return spacer(from + k >= closing);
    if (block.kind === 'signatures') return signatureTable(block.parties);
    return paragraphFor(block, block.text.id, 'id', from + k >= closing);
  });
}

/** The emblems side by side above the title, 56 points tall as in the PDF. */
function emblemParagraph(emblems: Emblem[]): Paragraph {
  const px = (pt: number) => Math.round((pt * 96) / 72);
  const children = emblems.flatMap((emblem, i) => {
    const size = emblem.image.contentType === 'image/png' ? parsePng(emblem.image.bytes) : undefined;
    const ratio = size ? size.width / size.height : 1;
    const image = new ImageRun({
      type: emblem.image.contentType === 'image/png' ? 'png' : 'jpg',
      data: emblem.image.bytes,
      transformation: { width: px(Math.min(2.5, ratio) * EMBLEM.height), height: px(EMBLEM.height) },
      altText: {
        name: emblem.alt.id,
        description: emblem.alt.en ? `${emblem.alt.id} / ${emblem.alt.en}` : emblem.alt.id,
      },
    });
    return i ? [new TextRun({ text: '\u2003\u2003' }), image] : [image];
  });
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: EMBLEM.after }, children });
}

/** The parties' paraf boxes, right-aligned, each under its party's label. */
function parafTable(parties: PartyMark[], bilingual: boolean): Table {
  const width = Math.min(1560, Math.floor((CONTENT - 1000) / parties.length));
  const caption = (party: PartyMark) => {
    const lines = [
      new Paragraph({ alignment: AlignmentType.CENTER, children: runs(party.label.id, { size: 11 }) }),
    ];
    if (bilingual && party.label.en) {
      lines.push(
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: runs(party.label.en, { size: 11, italics: true, lang: 'en' }),
        }),
      );
    }
    return lines;
  };
  const header = [new Paragraph({ alignment: AlignmentType.RIGHT, children: runs('Paraf', { size: 13 }) })];
  if (bilingual) {
    header.push(
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        children: runs('Initials', { size: 13, italics: true, lang: 'en' }),
      }),
    );
  }
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const line = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const open = { top: none, bottom: none, left: none, right: none };
  const boxed = { top: line, bottom: line, left: line, right: line };
  return new Table({
    alignment: AlignmentType.RIGHT,
    width: { size: 1000 + parties.length * width, type: WidthType.DXA },
    columnWidths: [1000, ...parties.map(() => width)],
    borders: TableBorders.NONE,
    rows: [
      new TableRow({
        children: [
          new TableCell({ rowSpan: 2, borders: open, children: header }),
          ...parties.map((p) => new TableCell({ borders: open, children: caption(p) })),
        ],
      }),
      new TableRow({
        height: { value: 480, rule: HeightRule.EXACT },
        children: parties.map(
          () => new TableCell({ borders: boxed, children: [new Paragraph({ children: [] })] }),
        ),
      }),
    ],
  });
}

function footer(doc: DocumentModel, bilingual: boolean, paraf: boolean): Footer {
  const small = { size: 16 };
  const numbers = new Paragraph({
    tabStops: [{ type: TabStopType.RIGHT, position: CONTENT }],
    border: { top: { style: 'single', size: 4, color: '000000', space: 4 } },
    spacing: { before: 80, line: 200, lineRule: LineRuleType.EXACT },
    children: [
      new TextRun({ text: printable(doc.documentNumber), ...small }),
      new TextRun({
        children: [new Tab(), 'Halaman ', PageNumber.CURRENT, ' dari ', PageNumber.TOTAL_PAGES],
        ...small,
      }),
      ...(bilingual
        ? [
            new TextRun({
              children: [' / Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES],
              ...small,
            }),
          ]
        : []),
    ],
  });
  const parties = doc.parties ?? [];
  return new Footer({
    children: paraf && parties.length ? [parafTable(parties, bilingual), numbers] : [numbers],
  });
}

/** The core and custom properties: what Word's document panel and an archive's indexer read. */
function properties(doc: DocumentModel) {
  const parties = (doc.parties ?? []).map((p) => p.name.id);
  return {
    title: printable(doc.title),
    subject: printable(`${doc.title}. Nomor ${doc.documentNumber}`),
    creator: 'Kerja Sama',
    keywords: printable(['kerja sama daerah', doc.templateId, doc.documentNumber, ...parties].join('; ')),
    description: printable(parties.length ? `Para pihak: ${parties.join('; ')}` : doc.title),
    customProperties: [
      { name: 'DocumentNumber', value: printable(doc.documentNumber) },
      { name: 'Parties', value: printable(parties.join('; ')) },
      { name: 'TemplateId', value: doc.templateId },
      { name: 'TemplateVersion', value: String(doc.templateVersion) },
      { name: 'Languages', value: doc.languages.join(', ') },
    ].filter((p) => p.value),
  };
}

/**
 * Renders the document as an editable Word file with the same rows as the PDF: automatic hyphenation
 * in each paragraph's language, the same keeps, paraf boxes in the footer of every page but the
 * signature section's.
 */
export async function renderDocx(doc: DocumentModel, options: DocxOptions = {}): Promise<Uint8Array> {
  const bilingual = doc.languages.includes('en');
  const blocks = doc.blocks;
  const closing = closingFrom(blocks);
  const start = Math.max(0, options.signaturePageStart ?? closing);
  const body = (from: number, to: number) =>
    (bilingual ? bilingualBody : singleLanguageBody)(blocks, from, to, closing);
  const page = { size: PAGE, margin: { ...MARGIN, top: MARGIN.top - (bilingual ? LANGUAGE_ROW : 0) } };
  const head = doc.emblems?.length ? [emblemParagraph(doc.emblems)] : [];
  // A gap before the page break would only push the first section's end further down, as in the PDF.
  let end = start;
  while (end > 0 && blocks[end - 1]?.kind === 'spacer') end--;
  const sections =
    start > 0 && start < blocks.length
      ? [
          {
            properties: { page },
            footers: { default: footer(doc, bilingual, true) },
            children: [...head, ...body(0, end), hairline()],
          },
          {
            properties: { page, type: SectionType.NEXT_PAGE },
            footers: { default: footer(doc, bilingual, false) },
            children: [hairline(), ...body(start, blocks.length)],
          },
        ]
      : [
          {
            properties: { page },
            footers: { default: footer(doc, bilingual, start >= blocks.length) },
            children: [...head, ...body(0, blocks.length)],
          },
        ];
  const document = new Document({
    ...properties(doc),
    hyphenation: { autoHyphenation: true, doNotHyphenateCaps: true, consecutiveHyphenLimit: 2 },
    styles: {
      default: {
        document: {
          run: { font: FONT, size: BODY, language: { value: LANG.id } },
          paragraph: { spacing: { line: LINE, lineRule: LineRuleType.AT_LEAST } },
        },
      },
      paragraphStyles,
    },
    sections,
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
