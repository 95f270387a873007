import {
  AlignmentType,
  Document,
  Footer,
  Packer,
  PageNumber,
  Paragraph,
  Tab,
  Table,
  TableBorders,
  TableCell,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
} from 'docx';
import type { Block, DocumentModel, SignatureBlock } from '../../shared/documents/model.js';

/** A4 and margins in twentieths of a point, matching the PDF's page. */
const PAGE = { width: 11906, height: 16838 };
const MARGIN = { left: 1361, right: 1134, top: 1134, bottom: 1134 };
const CONTENT = PAGE.width - MARGIN.left - MARGIN.right;
/** Sizes in half-points. */
const BODY = 20;
const TITLE = 24;
const FONT = 'Noto Serif';
/** Half the gutter between the two language columns, as cell padding. */
const HALF_GUTTER = 180;
const HANGING = 360;

/** XML 1.0 forbids most control characters: a stray one would make Word refuse the file. */
const printable = (text: string) => text.replace(/[^\P{Cc}\n\t]/gu, ' ');

interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  size?: number;
  underline?: boolean;
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
          ...underline,
          ...(i > 0 ? { break: 1 } : {}),
        }),
    );
}

type TextBlock = Exclude<Block, { kind: 'signatures' | 'spacer' }>;

/**
 * Formatting lives in named paragraph styles a clerk can change in Word once for the whole document;
 * it is also what keeps rendering fast (a paragraph carries a style id, not a set of properties).
 */
const STYLE_IDS: Record<TextBlock['kind'], string> = {
  title: 'KsTitle',
  center: 'KsCentre',
  heading: 'KsHeading',
  paragraph: 'KsBody',
  item: 'KsItem',
};

const paragraphStyles = [
  {
    id: 'KsTitle',
    name: 'Agreement title',
    run: { bold: true, size: TITLE },
    paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 40 } },
  },
  {
    id: 'KsCentre',
    name: 'Agreement centred',
    paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 40 } },
  },
  {
    id: 'KsHeading',
    name: 'Article heading',
    run: { bold: true },
    paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 80 }, keepNext: true },
  },
  {
    id: 'KsBody',
    name: 'Agreement text',
    paragraph: { alignment: AlignmentType.JUSTIFIED, spacing: { after: 120 } },
  },
  {
    id: 'KsItem',
    name: 'Agreement list item',
    paragraph: {
      alignment: AlignmentType.JUSTIFIED,
      spacing: { after: 80 },
      indent: { left: HANGING, hanging: HANGING },
      tabStops: [{ type: TabStopType.LEFT, position: HANGING }],
    },
  },
].map((style) => ({ ...style, basedOn: 'Normal', quickFormat: true }));

function paragraphFor(block: TextBlock, text: string): Paragraph {
  const style = STYLE_IDS[block.kind];
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

const spacer = () => new Paragraph({ spacing: { after: 0 }, children: [] });

const cell = (children: Paragraph[]) => new TableCell({ children });

/** A borderless table of two equal columns, the gutter made of cell padding. */
const twoColumns = (rows: TableRow[]) =>
  new Table({
    rows,
    width: { size: CONTENT, type: WidthType.DXA },
    columnWidths: [CONTENT / 2, CONTENT / 2],
    borders: TableBorders.NONE,
    margins: { left: HALF_GUTTER, right: HALF_GUTTER },
  });

function bilingualRow(block: Exclude<Block, { kind: 'signatures' }>): TableRow {
  if (block.kind === 'spacer') return new TableRow({ children: [cell([spacer()]), cell([spacer()])] });
  return new TableRow({
    children: [cell([paragraphFor(block, block.text.id)]), cell([paragraphFor(block, block.text.en ?? '')])],
  });
}

function signatureCell(party: SignatureBlock | undefined): TableCell {
  if (!party) return cell([spacer()]);
  const centred = (children: TextRun[], after = 0) =>
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after }, children });
  const paragraphs = [centred(runs(party.for.id, { bold: true }))];
  if (party.for.en) paragraphs.push(centred(runs(party.for.en, { italics: true })));
  // Room for the signature and the stamp.
  for (let i = 0; i < 4; i++) paragraphs.push(spacer());
  paragraphs.push(centred(runs(party.name.toLocaleUpperCase('id'), { bold: true, underline: true })));
  paragraphs.push(centred(runs(party.position.id)));
  if (party.position.en) paragraphs.push(centred(runs(party.position.en, { italics: true })));
  paragraphs.push(spacer());
  return cell(paragraphs);
}

function signatureTable(parties: SignatureBlock[]): Table {
  const rows: TableRow[] = [];
  for (let i = 0; i < parties.length; i += 2) {
    rows.push(
      new TableRow({ cantSplit: true, children: [signatureCell(parties[i]), signatureCell(parties[i + 1])] }),
    );
  }
  return twoColumns(rows);
}

/** Body content: one borderless two-column table per run of text blocks, signatures as their own table. */
function bilingualBody(doc: DocumentModel): (Paragraph | Table)[] {
  const header = new TableRow({
    tableHeader: true,
    children: [
      cell([new Paragraph({ children: runs('Bahasa Indonesia', { italics: true, size: 16 }) })]),
      cell([new Paragraph({ children: runs('English', { italics: true, size: 16 }) })]),
    ],
  });
  const out: (Paragraph | Table)[] = [];
  let rows: TableRow[] = [header];
  const flush = () => {
    if (rows.length > 1) out.push(twoColumns(rows));
    rows = [header];
  };
  for (const block of doc.blocks) {
    if (block.kind === 'signatures') {
      flush();
      out.push(signatureTable(block.parties));
    } else rows.push(bilingualRow(block));
  }
  flush();
  return out;
}

function singleLanguageBody(doc: DocumentModel): (Paragraph | Table)[] {
  return doc.blocks.map((block) => {
    if (block.kind === 'spacer') return spacer();
    if (block.kind === 'signatures') return signatureTable(block.parties);
    return paragraphFor(block, block.text.id);
  });
}

function footer(doc: DocumentModel, bilingual: boolean): Footer {
  const small = { size: 16 };
  return new Footer({
    children: [
      new Paragraph({
        tabStops: [{ type: TabStopType.RIGHT, position: CONTENT }],
        border: { top: { style: 'single', size: 4, color: '000000', space: 4 } },
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
      }),
    ],
  });
}

/** Renders the document as an editable Word file with the same rows as the PDF. */
export async function renderDocx(doc: DocumentModel): Promise<Uint8Array> {
  const bilingual = doc.languages.includes('en');
  const document = new Document({
    title: printable(doc.title),
    creator: 'Kerja Sama',
    styles: { default: { document: { run: { font: FONT, size: BODY } } }, paragraphStyles },
    sections: [
      {
        properties: { page: { size: PAGE, margin: MARGIN } },
        footers: { default: footer(doc, bilingual) },
        children: bilingual ? bilingualBody(doc) : singleLanguageBody(doc),
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
