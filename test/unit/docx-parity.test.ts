import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { unzipSync } from 'fflate';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASES, type CaseName, REGION_EMBLEM, renderCase } from '../support/documents.js';

const parts = (docx: Uint8Array) => {
  const files = unzipSync(docx);
  const text = (name: string) => Buffer.from(files[name] ?? new Uint8Array()).toString('utf8');
  return { files, text };
};

describe('the DOCX beside the PDF', () => {
  it.each(CASES)(
    '%s: hyphenates automatically, in each paragraph’s language, capitals left whole',
    async (name) => {
      const c = await renderCase(name);
      const { text } = parts(c.docx);
      expect(text('word/settings.xml')).toMatch(
        /<w:autoHyphenation\/>|<w:autoHyphenation w:val="(true|1)"\/>/,
      );
      expect(text('word/settings.xml')).toMatch(/<w:doNotHyphenateCaps/);
      const styles = text('word/styles.xml');
      expect(styles).toContain('<w:lang w:val="id-ID"/>');
      // English paragraphs take the English variant of their style, which sets the language.
      const body = styles.slice(styles.indexOf('w:styleId="KsBodyEn"'));
      expect(body.slice(0, body.indexOf('</w:style>'))).toContain('<w:lang w:val="en-US"/>');
      const english = (text('word/document.xml').match(/<w:pStyle w:val="Ks\w+En"\/>/g) ?? []).length;
      if (c.document.languages.includes('en')) expect(english).toBeGreaterThan(20);
      else expect(english).toBe(0);
    },
  );

  it('keeps titles and headings with what follows and whole, paragraphs without widows, signature rows unsplit', async () => {
    const { text } = parts((await renderCase('mou')).docx);
    const styles = text('word/styles.xml');
    const style = (id: string) =>
      styles.slice(
        styles.indexOf(`w:styleId="${id}"`),
        styles.indexOf('</w:style>', styles.indexOf(`w:styleId="${id}"`)),
      );
    for (const id of ['KsTitle', 'KsCentre', 'KsHeading']) {
      expect(style(id)).toContain('<w:keepNext/>');
      expect(style(id)).toContain('<w:keepLines/>');
    }
    for (const id of ['KsBody', 'KsItem']) expect(style(id)).toContain('<w:widowControl/>');
    const document = text('word/document.xml');
    const block = document.indexOf('UNTUK PEMERINTAH PROVINSI');
    expect(document.slice(document.lastIndexOf('<w:tbl>', block), block)).toContain('<w:cantSplit/>');
  });

  it.each(CASES)(
    '%s: the signature page is a section of its own, its footer without paraf boxes; every other footer has them',
    async (name) => {
      const c = await renderCase(name);
      const { text } = parts(c.docx);
      const document = text('word/document.xml');
      const sections = [...document.matchAll(/<w:sectPr>.*?<\/w:sectPr>/g)].map((m) => m[0]);
      expect(sections).toHaveLength(2);
      expect(sections[1]).toContain('<w:type w:val="nextPage"/>');
      const rels = text('word/_rels/document.xml.rels');
      const footerOf = (section: string) => {
        const id = /<w:footerReference w:type="default" r:id="(rId\d+)"\/>/.exec(section)?.[1];
        const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? '';
        return text(`word/${target}`);
      };
      const [body, signature] = sections.map(footerOf) as [string, string];
      for (const party of c.document.parties ?? []) {
        expect(body).toContain(party.label.id);
        expect(signature).not.toContain(party.label.id);
      }
      expect(body).toContain('Paraf');
      for (const footer of [body, signature]) expect(footer).toMatch(/PAGE/);
      // The closing formula opens the signature section's text, as on the PDF's last page.
      const closing = c.document.blocks.find((b) => b.section === 'closing');
      const opening = closing?.kind === 'paragraph' ? closing.text.id.slice(0, 30) : '';
      const sectionBreak = document.indexOf('<w:sectPr>');
      expect(opening.length).toBeGreaterThan(10);
      expect(document.slice(0, sectionBreak)).not.toContain(opening);
      expect(document.slice(sectionBreak)).toContain(opening);
    },
  );

  it('leaves a box for the stamp duty at the first party’s signature in a domestic PKS only', async () => {
    const text = async (name: CaseName) =>
      (await mammoth.extractRawText({ buffer: Buffer.from((await renderCase(name)).docx) })).value;
    expect(await text('pks')).toContain('METERAI');
    expect(await text('mou')).not.toContain('METERAI');
    expect(await text('ksb')).not.toContain('METERAI');
  });

  it('prints names with their titles as written and a multi-party title as one sentence', async () => {
    const pks = (await mammoth.extractRawText({ buffer: Buffer.from((await renderCase('pks')).docx) })).value;
    expect(pks).toContain('Dr. H. TABRANI, M.Pd.');
    expect(pks).toContain('Prof. Dr. H. FATAH SULAIMAN, S.T., M.T.');
    const ksb = (await mammoth.extractRawText({ buffer: Buffer.from((await renderCase('ksb')).docx) })).value;
    expect(ksb).toContain('dr. H. AHMAD FAUZI RAHMAN, M.Kes.');
    expect(ksb).toContain(
      'PEMERINTAH KABUPATEN SUKAMAJU, PEMERINTAH KABUPATEN TANJUNG HARAPAN, PEMERINTAH KABUPATEN MUARA INDAH, PEMERINTAH KABUPATEN BUKIT PERMAI DAN PEMERINTAH KABUPATEN LEMBAH HIJAU',
    );
  });

  it('places the emblems at the top, the region’s own first', async () => {
    const { files, text } = parts((await renderCase('ksb')).docx);
    const media = Object.keys(files).filter((f) => f.startsWith('word/media/'));
    expect(media).toHaveLength(3);
    const region = media.find((f) =>
      Buffer.from(files[f] as Uint8Array).equals(Buffer.from(REGION_EMBLEM.image.bytes)),
    );
    expect(region).toBeDefined();
    const document = text('word/document.xml');
    expect(document.indexOf('<w:drawing>')).toBeLessThan(
      document.indexOf('KESEPAKATAN') > 0
        ? document.indexOf('KESEPAKATAN')
        : document.indexOf('NOTA KESEPAHAMAN'),
    );
  });

  it('fills the core and custom properties: title, subject, parties, number, template version', async () => {
    const c = await renderCase('ksb');
    const { text } = parts(c.docx);
    const core = text('docProps/core.xml');
    expect(core).toContain(`<dc:title>${c.document.title}</dc:title>`);
    expect(core).toContain(c.document.documentNumber);
    expect(core).toContain('Pemerintah Kabupaten Lembah Hijau');
    const custom = text('docProps/custom.xml');
    for (const [name, value] of <[string, string][]>[
      ['DocumentNumber', c.document.documentNumber],
      ['TemplateVersion', String(c.document.templateVersion)],
      ['TemplateId', c.document.templateId],
    ]) {
      expect(custom).toMatch(
        new RegExp(
          `name="${name}"[^>]*>\\s*<vt:lpwstr>${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</vt:lpwstr>`,
        ),
      );
    }
  });
});

/**
 * LibreOffice (Debian's libreoffice-writer-nogui) converts each DOCX; it must page it as the PDF is paged,
 * and print the paraf boxes on every page but the last. LibreOffice is given the document's font, Noto
 * Serif, through fontconfig: without it, it substitutes a wider font and the pages differ.
 */
describe('LibreOffice', () => {
  const dir = mkdtempSync(join(tmpdir(), 'soffice-'));
  const pdfs = new Map<CaseName, Buffer>();

  beforeAll(async () => {
    const fonts = resolve('templates/fonts');
    writeFileSync(
      join(dir, 'fonts.conf'),
      `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>` +
        `<include ignore_missing="yes">/etc/fonts/fonts.conf</include><dir>${fonts}</dir>` +
        `<cachedir>${join(dir, 'cache')}</cachedir></fontconfig>`,
    );
    for (const name of CASES) writeFileSync(join(dir, `${name}.docx`), (await renderCase(name)).docx);
    // Asynchronous: a cold LibreOffice on a loaded machine can take longer than vitest's 60 s worker RPC.
    await promisify(execFile)(
      'soffice',
      [
        `-env:UserInstallation=file://${join(dir, 'profile')}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        join(dir, 'out'),
        ...CASES.map((name) => join(dir, `${name}.docx`)),
      ],
      {
        env: { ...process.env, FONTCONFIG_FILE: join(dir, 'fonts.conf') },
        timeout: 240_000,
      },
    );
    for (const name of CASES) pdfs.set(name, readFileSync(join(dir, 'out', `${name}.pdf`)));
  }, 300_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const pdfinfo = (pdf: Buffer) => execFileSync('pdfinfo', ['-'], { input: pdf, encoding: 'utf8' });
  const pageText = (pdf: Buffer, page: number) =>
    execFileSync('pdftotext', ['-f', String(page), '-l', String(page), '-', '-'], {
      input: pdf,
      encoding: 'utf8',
    });

  it.each(CASES)('pages the %s DOCX as the PDF, in Noto Serif', async (name) => {
    const c = await renderCase(name);
    const pdf = pdfs.get(name) as Buffer;
    expect(Number(/Pages:\s+(\d+)/.exec(pdfinfo(pdf))?.[1])).toBe(c.pageCount);
    const fonts = execFileSync('pdffonts', ['-'], { input: pdf, encoding: 'utf8' });
    expect(fonts).toContain('NotoSerif-Regular');
    for (let page = 1; page <= c.pageCount; page++) {
      const labels = (c.document.parties ?? []).map((p) => p.label.id);
      const text = pageText(pdf, page);
      if (page < c.pageCount) for (const label of labels) expect(text, `page ${page}`).toContain(label);
      else expect(text).not.toContain('Paraf');
    }
  });
});
