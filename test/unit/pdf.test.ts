import { describe, expect, it } from 'vitest';
import type { DocumentModel } from '../../shared/documents/model.js';
import { renderPdf } from '../../shared/documents/pdf.js';
import { sampleBilingualDocument, sampleIndonesianDocument } from '../fixtures/sample-document.js';
import { columnText, pdfContent, squash } from '../support/pdf-text.js';
import { darkPixels, rasterise } from '../support/raster.js';

function texts(doc: DocumentModel, lang: 'id' | 'en'): string[] {
  return doc.blocks.flatMap((b) => {
    if (b.kind === 'spacer' || b.kind === 'signatures') return [];
    return [b.text[lang] ?? ''];
  });
}

describe('PDF rendering', () => {
  it('puts Indonesian in the left column and English in the right, in order', async () => {
    const doc = sampleBilingualDocument();
    const pdf = await renderPdf(doc);
    const { items: all, pages } = await pdfContent(pdf.bytes);
    expect(pdf.pageCount).toBe(pages.length);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    const mid = pages[0]?.width ? pages[0].width / 2 : 0;
    const body = all.filter((i) => i.y > 60);
    const left = columnText(body, (x) => x < mid);
    const right = columnText(body, (x) => x >= mid);
    let from = 0;
    for (const text of texts(doc, 'id')) {
      const at = left.indexOf(squash(text), from);
      expect(at, `"${text}" in the left column after position ${from}`).toBeGreaterThanOrEqual(0);
      from = at + 1;
    }
    from = 0;
    for (const text of texts(doc, 'en')) {
      const at = right.indexOf(squash(text), from);
      expect(at, `"${text}" in the right column after position ${from}`).toBeGreaterThanOrEqual(0);
      from = at + 1;
    }
  });

  it('uses the full width for an Indonesian-only document', async () => {
    const pdf = await renderPdf(sampleIndonesianDocument());
    const { items: all, pages } = await pdfContent(pdf.bytes);
    const width = pages[0]?.width ?? 0;
    const paragraph = all.filter((i) => i.str.includes('Para Pihak sepakat'));
    expect(paragraph.length).toBeGreaterThan(0);
    const rightmost = Math.max(...all.filter((i) => i.y > 60).map((i) => i.x));
    expect(rightmost).toBeGreaterThan(width / 2);
    expect(all.some((i) => i.str.includes('Page'))).toBe(false);
  });

  it('numbers every page in both languages and prints the document number', async () => {
    const pdf = await renderPdf(sampleBilingualDocument());
    const { items: all } = await pdfContent(pdf.bytes);
    for (let n = 1; n <= pdf.pageCount; n++) {
      const footer = all
        .filter((i) => i.page === n && i.y < 60)
        .map((i) => i.str)
        .join(' ');
      expect(footer).toContain(`Halaman ${n} dari ${pdf.pageCount} / Page ${n} of ${pdf.pageCount}`);
      expect(footer).toContain('119/0042/KS/2019');
    }
  });

  it('is A4 and leaves a signature box for every party', async () => {
    const pdf = await renderPdf(sampleBilingualDocument());
    const { pages } = await pdfContent(pdf.bytes);
    expect(pages[0]?.width).toBeCloseTo(595.28, 1);
    expect(pages[0]?.height).toBeCloseTo(841.89, 1);
    expect(pdf.signatureBoxes.map((b) => b.party)).toEqual([0, 1, 2]);
    for (const box of pdf.signatureBoxes) {
      expect(box.page).toBeLessThan(pdf.pageCount);
      expect(box.height).toBeGreaterThanOrEqual(50);
      expect(box.x + box.width).toBeLessThanOrEqual(595.28);
    }
  });

  it.each(['Łódź', 'Đà Nẵng', 'Tōkyō', 'Chungcheongbuk-do', 'Nguyễn'])(
    'draws the glyphs of %s (rasterised)',
    async (name) => {
      const one = (text: string): DocumentModel => ({
        languages: ['id'],
        documentNumber: '',
        title: 't',
        templateId: 't',
        templateVersion: 1,
        blocks: [{ kind: 'title', text: { id: text } }],
      });
      const top = (text: string) =>
        renderPdf(one(text)).then((r) => darkPixels(rasterise(r.bytes, 1, 72), 0, 0.2));
      expect(await top('')).toBe(0);
      expect(await top(name)).toBeGreaterThan(20 * name.length);
    },
  );

  it('prints text literally, never as markup, and survives control characters', async () => {
    const doc: DocumentModel = {
      ...sampleIndonesianDocument(),
      blocks: [{ kind: 'paragraph', text: { id: '<b>tebal</b> &amp; {title}\ttab\u0007bel' } }],
    };
    const { items: all } = await pdfContent((await renderPdf(doc)).bytes);
    expect(squash(all.map((i) => i.str).join(''))).toContain(squash('<b>tebal</b> &amp; {title} tab bel'));
  });
});
