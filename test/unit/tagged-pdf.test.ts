import { beforeAll, describe, expect, it } from 'vitest';
import type { Block, Language } from '../../shared/documents/model.js';
import { CASES, type RenderedCase, renderCase } from '../support/documents.js';
import { flatten, type StructNode, structure } from '../support/pdf-layout.js';
import { qpdf } from '../support/qpdf.js';

const squash = (s: string) => s.replace(/\s+/g, '');

/** The elements of one language's section, in reading order across the pages, with their pages' text joined. */
function section(pages: StructNode[], lang: Language): StructNode[] {
  return pages.flatMap((page) => {
    const document = page.children.find((n) => n.role === 'Document');
    const sect = document?.children.find(
      (n) => n.role === 'Sect' && n.lang === lang && n.children[0]?.role !== 'Div',
    );
    return sect ? flatten(sect).slice(1) : [];
  });
}

const ofRoles = (nodes: StructNode[], roles: string[]) => nodes.filter((n) => roles.includes(n.role));

const textOf = (block: Block, lang: Language) =>
  block.kind === 'spacer' || block.kind === 'signatures' ? '' : (block.text[lang] ?? '');

describe.each(CASES)('the tagged %s', (name) => {
  let c: RenderedCase;
  let pages: StructNode[];

  beforeAll(async () => {
    c = await renderCase(name);
    pages = await structure(c.pdf);
  }, 60_000);

  it('declares itself tagged, in Indonesian, with a structure tree', () => {
    const objects = qpdf(c.pdf);
    const catalog = objects.get(objects.trailer['/Root']);
    expect(catalog['/MarkInfo']).toEqual({ '/Marked': true });
    expect(catalog['/Lang']).toBe('u:id');
    expect(objects.get(catalog['/StructTreeRoot'])['/Type']).toBe('/StructTreeRoot');
  });

  it('gives pdf.js each language as its own section, in reading order, every element with its language', () => {
    for (const lang of c.document.languages) {
      const nodes = section(pages, lang);
      expect(nodes.length).toBeGreaterThan(20);
      for (const node of nodes) expect(node.lang, `${node.role} "${node.text}"`).toBe(lang);
      // The document's title first, then the text.
      expect(nodes[0]?.role).toBe('H1');
      expect(squash(nodes[0]?.text ?? '')).toContain(squash(textOf(c.document.blocks[0] as Block, lang)));
    }
    const languages = pages[0]?.children[0]?.children.filter((n) => n.role === 'Sect').map((n) => n.lang);
    expect(languages?.slice(0, c.document.languages.length)).toEqual([...c.document.languages]);
  });

  it('reads the headings in order, "Pasal n" joined to its title', () => {
    for (const lang of c.document.languages) {
      // pdf.js reads the gap before the right column as a space: whitespace is not compared.
      const headings = ofRoles(section(pages, lang), ['H2']).map((h) => h.text.replace(/\s+/g, ' ').trim());
      const expected: string[] = [];
      c.document.blocks.forEach((block, i) => {
        if (block.kind === 'heading')
          expected.push(`${textOf(c.document.blocks[i - 1] as Block, lang)} ${textOf(block, lang)}`);
      });
      expect(headings).toEqual(expected);
    }
  });

  it('reads every paragraph and list item in order, hyphenation hyphens not read', () => {
    for (const lang of c.document.languages) {
      const read = squash(
        ofRoles(section(pages, lang), ['P', 'Lbl', 'LBody'])
          .map((n) => n.text)
          .join(''),
      );
      expect(read).not.toContain('\u00ad');
      let from = 0;
      for (const block of c.document.blocks) {
        if (block.kind !== 'paragraph' && block.kind !== 'item') continue;
        const text = squash(`${block.kind === 'item' ? block.label : ''}${textOf(block, lang)}`);
        const at = read.indexOf(text, from);
        expect(at, `"${text.slice(0, 40)}…" after ${from}`).toBeGreaterThanOrEqual(from);
        from = at + text.length;
      }
    }
  });

  it('tags list items with their labels and bodies, signatures as one division per party, page furniture as artifacts', () => {
    const all = pages.flatMap((p) => flatten(p));
    const item = all.find((n) => n.role === 'LI');
    expect(item?.children.map((k) => k.role)).toEqual(['Lbl', 'LBody']);
    const signatures = all.find((n) => n.role === 'Sect' && n.children[0]?.role === 'Div');
    expect(signatures?.children).toHaveLength(c.form.parties.length);
    const read = all.map((n) => n.text).join(' ');
    expect(read).not.toContain('Halaman');
    expect(read).not.toContain('Paraf');
  });
});
