import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface TextItem {
  str: string;
  x: number;
  y: number;
  page: number;
}

export interface PdfContent {
  items: TextItem[];
  pages: { width: number; height: number }[];
}

/** Text items with their positions, read by pdf.js (independent of pdf-lib, which writes them). */
export async function pdfContent(bytes: Uint8Array): Promise<PdfContent> {
  const doc = await getDocument({
    data: new Uint8Array(bytes),
    useSystemFonts: false,
    isEvalSupported: false,
  }).promise;
  const items: TextItem[] = [];
  const pages = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const [, , width, height] = page.view as [number, number, number, number];
    pages.push({ width, height });
    for (const i of (await page.getTextContent()).items) {
      if ('str' in i && i.str.trim())
        items.push({ str: i.str, x: i.transform[4], y: i.transform[5], page: n });
    }
  }
  await doc.destroy();
  return { items, pages };
}

export const squash = (s: string) => s.replace(/\s+/g, '');

/** The texts of one column in reading order (page, then top to bottom), without whitespace. */
export function columnText(items: TextItem[], inColumn: (x: number) => boolean): string {
  return squash(
    items
      .filter((i) => inColumn(i.x))
      .sort((a, b) => a.page - b.page || b.y - a.y || a.x - b.x)
      .map((i) => i.str)
      .join(''),
  );
}

/**
 * The body text of each column in reading order, footers excluded, without whitespace: left and right
 * of a side-by-side document, or the whole width (as `left`) of a single-language one.
 */
export async function pdfColumns(
  bytes: Uint8Array,
  columns: 1 | 2 = 2,
): Promise<{ left: string; right: string }> {
  const { items, pages } = await pdfContent(bytes);
  const mid = columns === 2 ? (pages[0]?.width ?? 0) / 2 : Number.POSITIVE_INFINITY;
  const body = items.filter((i) => i.y > 60);
  return { left: columnText(body, (x) => x < mid), right: columnText(body, (x) => x >= mid) };
}

/** All text of a PDF in pdf.js's order, pages joined by newlines. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const { items } = await pdfContent(bytes);
  return items.map((i) => i.str).join(' ');
}
