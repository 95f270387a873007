import { unzipSync } from 'fflate';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { renderDocx } from '../../shared/documents/docx.js';
import type { DocumentModel } from '../../shared/documents/model.js';
import { sampleBilingualDocument, sampleIndonesianDocument } from '../fixtures/sample-document.js';

const html = async (bytes: Uint8Array) => (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) })).value;
const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
const plain = (s: string) => decode(s.replace(/<[^>]+>/g, ''));

/** Table rows as [left cell text, right cell text], read by mammoth rather than the writer. */
function rows(markup: string): [string, string][] {
  return [...markup.matchAll(/<tr>(.*?)<\/tr>/g)].map((m) => {
    const cells = [...(m[1] ?? '').matchAll(/<t[dh]>(.*?)<\/t[dh]>/g)].map((c) => plain(c[1] ?? ''));
    return [cells[0] ?? '', cells[1] ?? ''];
  });
}

describe('DOCX rendering', () => {
  it('keeps each Indonesian text in the same row as its English counterpart, in order', async () => {
    const doc = sampleBilingualDocument();
    const table = rows(await html(await renderDocx(doc)));
    let at = 0;
    for (const block of doc.blocks) {
      if (block.kind === 'spacer' || block.kind === 'signatures') continue;
      const found = table.findIndex(
        ([id, en], i) => i >= at && id.endsWith(block.text.id) && en.endsWith(block.text.en ?? ''),
      );
      expect(found, `row for "${block.text.id}"`).toBeGreaterThanOrEqual(at);
      at = found + 1;
    }
  });

  it('writes signature blocks for every party with names in capitals', async () => {
    const text = (
      await mammoth.extractRawText({ buffer: Buffer.from(await renderDocx(sampleBilingualDocument())) })
    ).value;
    for (const name of [
      'BRAMANTYO ADIWINATA',
      'HANNA ZDANOWSKA',
      'YURIKO KOIKE',
      'FOR THE CITY OF ŁÓDŹ',
      'Governor of Tōkyō',
    ]) {
      expect(text).toContain(name);
    }
  });

  it('uses plain full-width paragraphs for an Indonesian-only document', async () => {
    const doc = sampleIndonesianDocument();
    const markup = await html(await renderDocx(doc));
    const beforeSignatures = markup.slice(0, markup.indexOf('<table>'));
    expect(beforeSignatures).not.toContain('<tr>');
    for (const block of doc.blocks) {
      if (block.kind !== 'spacer' && block.kind !== 'signatures')
        expect(plain(markup)).toContain(block.text.id);
    }
    expect(plain(markup)).not.toContain('English');
  });

  it('numbers pages with fields and prints the document number in the footer', async () => {
    const files = unzipSync(await renderDocx(sampleBilingualDocument()));
    const footer = Object.entries(files)
      .filter(([name]) => /^word\/footer\d*\.xml$/.test(name))
      .map(([, data]) => Buffer.from(data).toString('utf8'))
      .join('');
    expect(footer).toContain('119/0042/KS/2019');
    expect(footer).toMatch(/PAGE/);
    expect(footer).toMatch(/NUMPAGES/);
    expect(footer).toContain('Halaman');
    expect(footer).toContain('Page');
    const single = unzipSync(await renderDocx(sampleIndonesianDocument()));
    const singleFooter = Buffer.from(single['word/footer1.xml'] ?? new Uint8Array()).toString('utf8');
    expect(singleFooter).toContain('Halaman');
    expect(singleFooter).not.toContain('Page');
  });

  it('writes text literally and drops characters XML cannot hold', async () => {
    const doc: DocumentModel = {
      ...sampleIndonesianDocument(),
      blocks: [{ kind: 'paragraph', text: { id: '<w:p>tebal</w:p> & {title} bel\u0007 akhir' } }],
    };
    const text = (await mammoth.extractRawText({ buffer: Buffer.from(await renderDocx(doc)) })).value;
    expect(text).toContain('<w:p>tebal</w:p> & {title} bel  akhir');
  });
});
