import { beforeAll, describe, expect, it } from 'vitest';
import { CASES, type CaseName, LONG_URL, type RenderedCase, renderCase } from '../support/documents.js';
import { largestGap, type Run, textRuns } from '../support/pdf-layout.js';
import { qpdf } from '../support/qpdf.js';
import { inkIn, rasterise, widestGap } from '../support/raster.js';

/** The page as the layout contract states it: A4, margins, two columns with an 18-point gutter. */
const PAGE = { width: 595.28, height: 841.89 };
const LEFT = 68;
const RIGHT = PAGE.width - 56;
const GUTTER = { from: 294.64, to: 312.64 };
/** The body ends above the paraf row; the paraf boxes stand between the footer rule and it. */
const BODY_BOTTOM = 102;
const PARAF_BAND = { x0: 250, x1: RIGHT, y0: 50, y1: 100 };
/** pdftoppm's rounding at 150 dpi: a pixel is about half a point. */
const PIXEL = 72 / 150;

const NAMES: Record<CaseName, string[]> = {
  mou: ['GANJAR PRANOWO', 'ANNASTACIA PALASZCZUK'],
  pks: ['Dr. H. TABRANI, M.Pd.', 'Prof. Dr. H. FATAH SULAIMAN, S.T., M.T.'],
  loi: ['EDI DAMANSYAH', 'TAKEHIRO KANŌ'],
  ksb: [
    'dr. H. AHMAD FAUZI RAHMAN, M.Kes.',
    'Ir. Hj. SITI RAHMAWATI, M.Si.',
    'Drs. H. BAMBANG SUTRISNO, M.M.',
    'Prof. Dr. Ir. MADE WIRAWAN, S.T., M.T.',
    'H. ANDI BASO AMIRUDDIN, S.H., M.H.',
  ],
};

const runText = (run: Run) => run.words.map((w) => w.text).join(' ');
const pagesWith = (runs: Run[], text: string) => [
  ...new Set(runs.filter((r) => runText(r).includes(text)).map((r) => r.page)),
];

describe.each(CASES)('typesetting the %s', (name) => {
  let c: RenderedCase;
  let runs: Run[];
  let pages: number;
  let bilingual: boolean;
  /** Pages (1-based) that carry the signature blocks. */
  let signaturePages: number[];

  beforeAll(async () => {
    c = await renderCase(name);
    ({ runs, pages } = await textRuns(c.pdf));
    bilingual = c.document.languages.includes('en');
    signaturePages = [...new Set(NAMES[name].flatMap((n) => pagesWith(runs, n)))];
  }, 120_000);

  it('keeps every word gap within twice a normal space (pdf.js word positions)', () => {
    const body = runs.filter((r) => r.y > BODY_BOTTOM);
    expect(body.length).toBeGreaterThan(50);
    for (const run of body)
      expect(largestGap(run), `"${run.text}" on page ${run.page}`).toBeLessThanOrEqual(2.001);
  });

  it('shows the same on the rasterised pages: no white gap between words wider than two spaces and the glyphs’ side bearings', () => {
    // Lines with several words, measured on pdftoppm's pixels within the span pdf.js gives them.
    const lines = runs.filter((r) => r.y > BODY_BOTTOM && r.words.length > 2 && r.size === 10);
    expect(lines.length).toBeGreaterThan(40);
    for (let page = 1; page <= pages; page++) {
      const raster = rasterise(c.pdf, page, 150);
      for (const line of lines.filter((l) => l.page === page)) {
        const band = { x0: line.x, x1: line.end, y0: line.y - 2.5, y1: line.y + 7.5 };
        const gap = widestGap(raster, PAGE.height, band, 2);
        expect(gap, `"${line.text}" on page ${page}`).toBeGreaterThan(1);
        // Ink to ink: the gap's advance (at most two spaces) plus the side bearings around it.
        expect(gap, `"${line.text}" on page ${page}`).toBeLessThanOrEqual(2 * line.space + 2 + PIXEL);
      }
    }
  });

  it('keeps every line inside its column: nothing in the margins, nothing in the gutter', () => {
    for (const run of runs) {
      expect(run.x, run.text).toBeGreaterThanOrEqual(LEFT - 0.01);
      expect(run.end, run.text).toBeLessThanOrEqual(RIGHT + 0.01);
      if (bilingual && run.y > BODY_BOTTOM) {
        const crosses = run.x < GUTTER.to - 0.01 && run.end > GUTTER.from + 0.01;
        expect(crosses, `"${run.text}" crosses the gutter`).toBe(false);
      }
    }
    for (let page = 1; page <= pages; page++) {
      const raster = rasterise(c.pdf, page, 72);
      const margins = [
        { x0: 0, x1: LEFT - 1, y0: 0, y1: PAGE.height },
        { x0: RIGHT + 1, x1: PAGE.width, y0: 0, y1: PAGE.height },
      ];
      for (const margin of margins) expect(inkIn(raster, PAGE.height, margin), `page ${page}`).toBe(0);
      if (bilingual) {
        const gutter = { x0: GUTTER.from + 1, x1: GUTTER.to - 1, y0: BODY_BOTTOM, y1: PAGE.height - 56 };
        expect(inkIn(raster, PAGE.height, gutter), `gutter of page ${page}`).toBe(0);
      }
    }
  });

  it('puts the closing formula and every signature block on one page, the paraf row on every other page', () => {
    const closing = c.document.blocks.find((b) => b.section === 'closing');
    const opening =
      closing && closing.kind === 'paragraph' ? closing.text.id.split(' ').slice(0, 4).join(' ') : '';
    expect(opening.length).toBeGreaterThan(10);
    expect(signaturePages).toHaveLength(1);
    const [signaturePage] = signaturePages as [number];
    expect(pagesWith(runs, opening)).toEqual([signaturePage]);
    expect(signaturePage).toBe(pages);
    expect(c.signatureBoxes.every((box) => box.page + 1 === signaturePage)).toBe(true);
    for (let page = 1; page <= pages; page++) {
      const paraf = runs.filter((r) => r.page === page && r.y < BODY_BOTTOM && /^(Paraf|PIHAK)/.test(r.text));
      const ink = inkIn(rasterise(c.pdf, page, 72), PAGE.height, PARAF_BAND);
      if (page === signaturePage) {
        expect(paraf, `page ${page}`).toEqual([]);
        expect(ink, `paraf ink on the signature page ${page}`).toBe(0);
      } else {
        // A box and its caption for every party.
        const labels = c.document.parties?.map((p) => p.label.id) ?? [];
        for (const label of labels) expect(paraf.map(runText), `page ${page}`).toContain(label);
        expect(ink, `paraf boxes on page ${page}`).toBeGreaterThan(100);
      }
    }
  });

  it('keeps each article number with its heading and the first line after it', () => {
    const numbers = runs.filter((r) => /^(Pasal|Article) \d+$/.test(runText(r)));
    expect(numbers.length).toBeGreaterThanOrEqual(5);
    const column = (r: Run) => (bilingual && r.x >= GUTTER.from ? 1 : 0);
    for (const number of numbers) {
      const below = runs.filter(
        (r) => r.page === number.page && r.y < number.y && r.y > BODY_BOTTOM && column(r) === column(number),
      );
      expect(below.length, `"${runText(number)}" on page ${number.page}`).toBeGreaterThanOrEqual(2);
    }
  });

  it('splits no paragraph into a widow or an orphan (each line is one marked-content item of its element)', () => {
    const objects = qpdf(c.pdf);
    const pageOf = new Map(objects.pages.map((ref, i) => [ref, i]));
    let split = 0;
    for (const element of objects.all.values()) {
      if (element['/Type'] !== '/StructElem' || !['/P', '/LBody'].includes(String(element['/S']))) continue;
      const kids = Array.isArray(element['/K']) ? element['/K'] : [element['/K']];
      const perPage = new Map<number, number>();
      for (const kid of kids) {
        const pg = typeof kid === 'number' ? element['/Pg'] : (kid as Record<string, unknown>)['/Pg'];
        const page = pageOf.get(String(pg)) as number;
        perPage.set(page, (perPage.get(page) ?? 0) + 1);
      }
      if (perPage.size < 2) continue;
      split++;
      for (const lines of perPage.values()) expect(lines).toBeGreaterThanOrEqual(2);
    }
    // The MoU's pages end inside paragraphs: the rule was applied, not merely never needed.
    if (name === 'mou') expect(split).toBeGreaterThan(0);
  });

  it('prints signatory names in capitals with their titles as written', () => {
    const texts = runs.map(runText);
    for (const n of NAMES[name]) expect(texts).toContain(n);
    expect(texts.join('\n')).not.toMatch(/\bDR\. H\./);
  });
});

describe('the five-party KSB', () => {
  it('names its parties in one title sentence, no comma on a line of its own', async () => {
    const c = await renderCase('ksb');
    const { runs } = await textRuns(c.pdf);
    expect(runs.some((r) => /^[,.]?$|^DAN$/.test(runText(r).trim()))).toBe(false);
    const title = runs
      .filter((r) => r.page === 1 && r.size === 12)
      .map(runText)
      .join(' ');
    expect(title).toContain(
      'PEMERINTAH KABUPATEN SUKAMAJU, PEMERINTAH KABUPATEN TANJUNG HARAPAN, PEMERINTAH KABUPATEN MUARA INDAH, PEMERINTAH KABUPATEN BUKIT PERMAI DAN PEMERINTAH KABUPATEN LEMBAH HIJAU',
    );
  });

  it('breaks the 200-character address only between its parts, inside the column, adding no hyphen', async () => {
    const c = await renderCase('ksb');
    const { runs } = await textRuns(c.pdf);
    expect(LONG_URL).toHaveLength(200);
    const lines = runs.filter((r) => r.words.some((w) => LONG_URL.includes(w.text) && w.text.length > 12));
    expect(lines.length).toBeGreaterThanOrEqual(2);
    const joined = lines
      .map((r) =>
        r.words
          .filter((w) => LONG_URL.includes(w.text))
          .map((w) => w.text)
          .join(''),
      )
      .join('');
    expect(joined).toContain(LONG_URL.slice(0, 150));
    for (const line of lines) expect(line.end).toBeLessThanOrEqual(RIGHT + 0.01);
  });

  it('prints the emblems of the region (from its profile) and of two partners (from the form) above the title', async () => {
    const c = await renderCase('ksb');
    expect(c.document.emblems?.map((e) => e.party)).toEqual([0, 1, 2]);
    const raster = rasterise(c.pdf, 1, 72);
    // Red discs at the top of page one, where nothing was printed before.
    expect(inkIn(raster, PAGE.height, { x0: LEFT, x1: RIGHT, y0: 720, y1: 790 })).toBeGreaterThan(1500);
  });
});
