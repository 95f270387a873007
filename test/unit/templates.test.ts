import { describe, expect, it } from 'vitest';
import { composeDocument } from '../../shared/documents/compose.js';
import type { Block, DocumentModel } from '../../shared/documents/model.js';
import { REQUIRED_ARTICLES } from '../../shared/documents/template.js';
import { parseAgreementForm } from '../../shared/form/agreement-form.js';
import { checkTemplate } from '../../shared/template-library/check-template.js';
import { BUILTIN_TEMPLATES } from '../../templates/index.js';
import { sample } from '../support/samples.js';

const texts = (doc: DocumentModel, lang: 'id' | 'en'): string[] =>
  doc.blocks.flatMap((b: Block) => {
    if (b.kind === 'spacer') return [];
    if (b.kind === 'signatures')
      return b.parties.flatMap((p) => [p.for[lang] ?? '', p.name, p.position[lang] ?? '']);
    return [b.text[lang] ?? ''];
  });

const articleHeadings = (doc: DocumentModel) =>
  doc.blocks.filter((b) => b.kind === 'heading').map((b) => (b.kind === 'heading' ? b.text.id : ''));

describe('templates', () => {
  it.each(Object.entries(BUILTIN_TEMPLATES))('the built-in %s template is complete', (type, template) => {
    expect(checkTemplate(template)).toEqual([]);
    expect(template.documentType).toBe(type);
    expect(template.version).toBe(1);
  });

  it('reports a template that lacks a required article', () => {
    const pks = BUILTIN_TEMPLATES.PKS;
    const broken = { ...pks, articles: pks.articles.filter((a) => a.key !== 'obligations') };
    expect(checkTemplate(broken).map((p) => [p.article, p.message.en])).toEqual([
      ['obligations', 'the article "obligations" is required in every PKS'],
    ]);
  });

  it('reports an article twice', () => {
    const mou = BUILTIN_TEMPLATES.MOU;
    expect(
      checkTemplate({ ...mou, articles: [...mou.articles, mou.articles[0]] as typeof mou.articles }),
    ).toEqual([
      {
        article: 'purpose',
        path: `articles[${mou.articles.length}].key`,
        message: expect.objectContaining({ en: 'the article "purpose" appears twice' }),
      },
    ]);
  });

  it('requires the language article for every type, shown only in bilingual documents', () => {
    for (const type of ['LOI', 'MOU', 'PKS'] as const) {
      expect(REQUIRED_ARTICLES[type]).toContain('language');
      expect(BUILTIN_TEMPLATES[type].articles.find((a) => a.key === 'language')?.when).toEqual(['bilingual']);
    }
  });
});

describe('composing a draft', () => {
  const compose = (form: unknown, parent?: { id: string; en?: string }) => {
    const parsed = parseAgreementForm(form);
    return composeDocument(parsed, BUILTIN_TEMPLATES[parsed.documentType], {
      documentNumber: 'TEST/1',
      ...(parent && { parent }),
    });
  };

  it('writes the MoU sample side by side with every value in both languages', () => {
    const form = sample('mou');
    const doc = compose(form);
    expect(doc.languages).toEqual(['id', 'en']);
    expect(doc.templateId).toBe('mou');
    expect(doc.templateVersion).toBe(1);
    const id = texts(doc, 'id').join('\n');
    const en = texts(doc, 'en').join('\n');
    expect(id).toContain('NOTA KESEPAHAMAN');
    expect(en).toContain('MEMORANDUM OF UNDERSTANDING');
    expect(id).toContain('Selasa, tanggal enam bulan Agustus tahun dua ribu sembilan belas');
    expect(en).toContain('Tuesday, the sixth day of August in the year two thousand and nineteen');
    expect(id).toContain('5 (lima) tahun');
    expect(en).toContain('5 (five) years');
    expect(id).toContain(form.purpose.id);
    expect(en).toContain(form.purpose.en);
    for (const s of form.scope) {
      expect(id).toContain(s.id);
      expect(en).toContain(s.en);
    }
    expect(id).toContain('UNTUK PEMERINTAH NEGARA BAGIAN QUEENSLAND, AUSTRALIA');
    expect(en).toContain('FOR THE STATE GOVERNMENT OF QUEENSLAND, AUSTRALIA');
    expect(id).toContain('NOMOR: 119/0042/KS/2019');
    expect(en).toContain('All texts are equally authentic.');
    expect(id).toContain('Undang-Undang Nomor 37 Tahun 1999');
    expect(en).toContain('international@premiers.qld.gov.au');
    expect(id).not.toContain('{');
  });

  it('numbers articles in order with the MoU articles', () => {
    const doc = compose(sample('mou'));
    expect(articleHeadings(doc)).toEqual([
      'MAKSUD DAN TUJUAN',
      'RUANG LINGKUP',
      'PELAKSANAAN',
      'PEMBIAYAAN',
      'JANGKA WAKTU',
      'KEADAAN KAHAR',
      'PENYELESAIAN PERSELISIHAN',
      'PERUBAHAN',
      'BAHASA',
    ]);
    const numbers = doc.blocks.flatMap((b) =>
      b.kind === 'center' && /^Pasal/.test(b.text.id) ? [b.text] : [],
    );
    expect(numbers[0]).toEqual({ id: 'Pasal 1', en: 'Article 1' });
    expect(numbers.at(-1)).toEqual({ id: 'Pasal 9', en: 'Article 9' });
  });

  it('writes a domestic PKS in Indonesian only with obligations, stamp duty and no language article', () => {
    const form = sample('pks');
    const doc = compose(form);
    expect(doc.languages).toEqual(['id']);
    expect(
      doc.blocks.every((b) => b.kind === 'spacer' || b.kind === 'signatures' || b.text.en === undefined),
    ).toBe(true);
    const id = texts(doc, 'id').join('\n');
    expect(articleHeadings(doc)).toContain('HAK DAN KEWAJIBAN');
    expect(articleHeadings(doc)).not.toContain('BAHASA');
    for (const o of form.obligations) for (const item of o.items) expect(id).toContain(item.id);
    expect(id).toContain('PIHAK KEDUA berkewajiban:');
    expect(id).toContain('meterai');
    expect(id).toContain('berlaku sejak tanggal 1 Juli 2021 untuk jangka waktu 2 (dua) tahun');
    expect(id).toContain('Menteri Dalam Negeri Nomor 22 Tahun 2020');
    expect(id).toContain('Pada hari ini, ……………, tanggal ……………');
    expect(id).toContain('berdasarkan Surat Kuasa Gubernur Banten Nomor 180/123-Huk/2021');
  });

  it('writes an LoI as non-binding, with the prevailing English text and no duration', () => {
    const doc = compose(sample('loi'));
    expect(articleHeadings(doc)).toEqual([
      'MAKSUD DAN TUJUAN',
      'RUANG LINGKUP',
      'TINDAK LANJUT',
      'SIFAT',
      'MASA BERLAKU',
      'BAHASA',
    ]);
    const en = texts(doc, 'en').join('\n');
    expect(en).toContain('creates no legal rights or obligations');
    expect(en).toContain('the English text shall prevail');
    expect(en).toContain('valid from the date of its signing until a Memorandum of Understanding is signed');
    expect(en).toContain('Takehiro Kanō');
  });

  it('signs for every party, also with three parties', () => {
    const form = sample('mou');
    form.parties.push({
      name: { id: 'Pemerintah Kota Łódź', en: 'City of Łódź' },
      country: 'PL',
      signatory: { name: 'Hanna Zdanowska', position: { id: 'Wali Kota', en: 'Mayor' } },
    });
    const doc = compose(form);
    const signatures = doc.blocks.find((b) => b.kind === 'signatures');
    expect(signatures?.kind === 'signatures' && signatures.parties.map((p) => p.name)).toEqual([
      'Ganjar Pranowo',
      'Annastacia Palaszczuk',
      'Hanna Zdanowska',
    ]);
    const id = texts(doc, 'id').join('\n');
    expect(id).toContain('selanjutnya disebut PIHAK KETIGA;');
    expect(texts(doc, 'en').join('\n')).toContain('hereinafter referred to as the THIRD PARTY;');
  });

  it('keeps placeholders typed into the form as literal text', () => {
    const form = sample('mou');
    form.purpose.id = 'Kerja sama {title} dan {party.name} tetap ditulis apa adanya.';
    const doc = compose(form);
    expect(texts(doc, 'id').join('\n')).toContain(
      'Kerja sama {title} dan {party.name} tetap ditulis apa adanya.',
    );
  });

  it('cites the parent LoI in the recitals', () => {
    const doc = compose(sample('mou'), {
      id: 'Surat Pernyataan Kehendak tentang Kerja Sama',
      en: 'the Letter of Intent on Cooperation',
    });
    expect(texts(doc, 'id').join('\n')).toContain(
      'telah menandatangani Surat Pernyataan Kehendak tentang Kerja Sama',
    );
    expect(texts(doc, 'en').join('\n')).toContain('have signed the Letter of Intent on Cooperation');
  });
});
