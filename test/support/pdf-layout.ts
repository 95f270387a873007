import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * Word positions as pdf.js reads them from the content streams: every text-showing operator replayed
 * with the glyph widths pdf.js takes from the embedded fonts, the TJ adjustments and the character
 * spacing. Independent of the writer's own layout numbers.
 */
export interface Word {
  text: string;
  x: number;
  end: number;
}

export interface Run {
  page: number;
  /** Baseline. */
  y: number;
  size: number;
  /** Left edge of the first glyph, right edge of the last one (its advance). */
  x: number;
  end: number;
  words: Word[];
  /** The width of a space in this run's font and size. */
  space: number;
  text: string;
}

interface Glyph {
  unicode: string;
  width: number;
  isSpace: boolean;
}

const pdfOptions = { useSystemFonts: false, isEvalSupported: false } as const;

export async function textRuns(bytes: Uint8Array): Promise<{ runs: Run[]; pages: number }> {
  const doc = await getDocument({ data: new Uint8Array(bytes), ...pdfOptions }).promise;
  const runs: Run[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const { fnArray, argsArray } = await (await doc.getPage(n)).getOperatorList();
    let size = 0;
    let tc = 0;
    let lineX = 0;
    let lineY = 0;
    let x = 0;
    const spaces = new Map<string, number>();
    let font = '';
    fnArray.forEach((fn, i) => {
      const args = argsArray[i] as unknown[];
      if (fn === OPS.beginText) [lineX, lineY, x] = [0, 0, 0];
      else if (fn === OPS.setFont) [font, size] = [args[0] as string, args[1] as number];
      else if (fn === OPS.setCharSpacing) tc = args[0] as number;
      else if (fn === OPS.moveText) {
        lineX += args[0] as number;
        lineY += args[1] as number;
        x = lineX;
      } else if (fn === OPS.setTextMatrix) {
        const m = (Array.isArray(args[0]) ? args[0] : args) as number[];
        [lineX, lineY] = [m[4] as number, m[5] as number];
        x = lineX;
      } else if (fn === OPS.showText) {
        const words: Word[] = [];
        let current: Word | undefined;
        let start = x;
        let last = x;
        let text = '';
        for (const g of args[0] as (Glyph | number)[]) {
          if (typeof g === 'number') {
            x -= (g / 1000) * size;
            continue;
          }
          const advance = (g.width / 1000) * size;
          if (!text) start = x;
          text += g.unicode;
          if (g.isSpace || g.unicode === ' ') {
            spaces.set(font, g.width);
            current = undefined;
          } else {
            if (!current) {
              current = { text: '', x, end: x };
              words.push(current);
            }
            current.text += g.unicode;
            current.end = x + advance;
            last = x + advance;
          }
          x += advance + tc;
        }
        const space = ((spaces.get(font) ?? 260) / 1000) * size;
        if (words.length) runs.push({ page: n, y: lineY, size, x: start, end: last, words, space, text });
      }
    });
  }
  await doc.destroy();
  return { runs, pages: doc.numPages };
}

/** The largest gap between two words of a run, in multiples of that run's space. */
export function largestGap(run: Run): number {
  let largest = 0;
  for (let i = 1; i < run.words.length; i++) {
    const gap = (run.words[i] as Word).x - (run.words[i - 1] as Word).end;
    largest = Math.max(largest, gap / run.space);
  }
  return largest;
}

export interface StructNode {
  role: string;
  lang?: string;
  alt?: string;
  children: StructNode[];
  /** The text of the element's own marked content, in order. */
  text: string;
  page: number;
}

type Serialised = {
  role?: string;
  lang?: string;
  alt?: string;
  type?: string;
  id?: string;
  children?: Serialised[];
};

/**
 * The structure tree pdf.js returns for each page (getStructTree), with the text of each element's marked
 * content (getTextContent with marked content): what a screen reader is given, page by page.
 */
export async function structure(bytes: Uint8Array): Promise<StructNode[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), ...pdfOptions }).promise;
  const pages: StructNode[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent({ includeMarkedContent: true });
    const texts = new Map<string, string>();
    let open: string | undefined;
    for (const item of content.items) {
      if ('type' in item) {
        if (item.type === 'beginMarkedContentProps' && item.id) open = item.id;
        else if (item.type === 'endMarkedContent') open = undefined;
      } else if (open) texts.set(open, (texts.get(open) ?? '') + item.str);
    }
    const convert = (node: Serialised): StructNode => {
      const children = (node.children ?? []).filter((c) => c.role).map(convert);
      const own = (node.children ?? [])
        .filter((c) => c.type === 'content' && c.id)
        .map((c) => texts.get(c.id as string) ?? '')
        .join(' ');
      return {
        role: node.role ?? 'Root',
        ...(node.lang ? { lang: node.lang } : {}),
        ...(node.alt ? { alt: node.alt } : {}),
        children,
        text: own,
        page: n,
      };
    };
    pages.push(convert((await page.getStructTree()) as Serialised));
  }
  await doc.destroy();
  return pages;
}

/** Every element of a tree, depth first: reading order. */
export function flatten(node: StructNode): StructNode[] {
  return [node, ...node.children.flatMap(flatten)];
}
