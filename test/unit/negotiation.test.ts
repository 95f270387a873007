import { describe, expect, it } from 'vitest';
import { composeDocument } from '../../shared/documents/compose.js';
import type { DocumentModel } from '../../shared/documents/model.js';
import { articleKeysOf, checkNegotiated, deviationsOf } from '../../shared/documents/negotiation.js';
import type { Template } from '../../shared/documents/template.js';
import { ValidationError } from '../../shared/errors.js';
import { agreementFormSchema, MAX_NEGOTIATED_CHARACTERS } from '../../shared/form/agreement-form.js';
import { toIssues } from '../../shared/form/messages.js';
import { BUILTIN_TEMPLATES } from '../../templates/index.js';
import { sample } from '../support/samples.js';

/** The built-in MoU with an optional article on confidentiality before the language article. */
const MOU: Template = {
  ...BUILTIN_TEMPLATES.MOU,
  version: 2,
  articles: [
    ...BUILTIN_TEMPLATES.MOU.articles.slice(0, -1),
    {
      key: 'confidentiality',
      heading: { id: 'KERAHASIAAN', en: 'CONFIDENTIALITY' },
      optional: true,
      clauses: [
        { id: 'PARA PIHAK menjaga kerahasiaan {documentName} ini.', en: 'THE PARTIES keep it secret.' },
      ],
    },
    ...BUILTIN_TEMPLATES.MOU.articles.slice(-1),
  ],
};

const NOTICE = {
  key: 'duration',
  clauses: [
    { id: 'Nota Kesepahaman ini berlaku 5 (lima) tahun.', en: 'This MoU is in force for 5 (five) years.' },
    {
      id: 'Pemberitahuan {title} paling lambat 3 (tiga) bulan sebelumnya.',
      en: 'Notice of {title} at least 3 (three) months in advance.',
    },
  ],
};

const GOVERNING_LAW = {
  key: 'governingLaw',
  heading: { id: 'HUKUM YANG BERLAKU', en: 'GOVERNING LAW' },
  clauses: [{ id: 'Tunduk pada hukum Indonesia.', en: 'Governed by the laws of Indonesia.' }],
};

const formWith = (negotiated: object) => agreementFormSchema.parse({ ...sample('mou'), ...negotiated });

/** Each article as the document prints it: its number line, heading and the clauses' Indonesian and English. */
function articles(doc: DocumentModel) {
  const out = new Map<string, string[]>();
  for (const b of doc.blocks) {
    if (!b.section || b.kind === 'spacer' || b.kind === 'signatures') continue;
    if (['title', 'opening', 'recitals', 'closing'].includes(b.section)) continue;
    out.set(b.section, [...(out.get(b.section) ?? []), `${b.text.id} | ${b.text.en}`]);
  }
  return out;
}

const compose = (form: ReturnType<typeof formWith>) => composeDocument(form, MOU, { documentNumber: 'N' });

describe('negotiated wording in a composed draft', () => {
  it('replaces an article’s clauses literally, keeps its heading and place, adds new articles last', () => {
    const doc = articles(compose(formWith({ articles: [NOTICE, GOVERNING_LAW] })));
    expect([...doc.keys()]).toEqual([
      'purpose',
      'scope',
      'implementation',
      'financing',
      'duration',
      'forceMajeure',
      'disputes',
      'amendment',
      'confidentiality',
      'language',
      'governingLaw',
    ]);
    expect(doc.get('duration')).toEqual([
      'Pasal 5 | Article 5',
      'JANGKA WAKTU | DURATION',
      'Nota Kesepahaman ini berlaku 5 (lima) tahun. | This MoU is in force for 5 (five) years.',
      // Typed text is printed as typed: a placeholder in it is not filled.
      'Pemberitahuan {title} paling lambat 3 (tiga) bulan sebelumnya. | Notice of {title} at least 3 (three) months in advance.',
    ]);
    expect(doc.get('governingLaw')).toEqual([
      'Pasal 11 | Article 11',
      'HUKUM YANG BERLAKU | GOVERNING LAW',
      'Tunduk pada hukum Indonesia. | Governed by the laws of Indonesia.',
    ]);
  });

  it('leaves out a removed article and numbers the ones after it on', () => {
    const doc = articles(compose(formWith({ removeArticles: ['confidentiality'] })));
    expect(doc.has('confidentiality')).toBe(false);
    expect(doc.get('language')?.[0]).toBe('Pasal 9 | Article 9');
  });

  it('records changed, added and removed articles against the template, and nothing for the same text', () => {
    const form = formWith({
      articles: [
        NOTICE,
        GOVERNING_LAW,
        { ...NOTICE, key: 'amendment', heading: { id: 'ADENDUM', en: 'ADDENDUM' } },
      ],
      removeArticles: ['confidentiality'],
    });
    expect(deviationsOf(form, MOU, {})).toEqual([
      { key: 'duration', kind: 'changed' },
      { key: 'amendment', kind: 'changed' },
      { key: 'governingLaw', kind: 'added' },
      { key: 'confidentiality', kind: 'removed' },
    ]);
    // The disputes article rewritten exactly as the template prints it for this form is no deviation.
    const disputes = compose(formWith({})).blocks.filter(
      (b) => b.section === 'disputes' && b.kind === 'paragraph',
    );
    const same = disputes.map((b) => (b.kind === 'paragraph' ? b.text : { id: '' }));
    expect(deviationsOf(formWith({ articles: [{ key: 'disputes', clauses: same }] }), MOU, {})).toEqual([]);
    expect(deviationsOf(formWith({}), MOU, {})).toEqual([]);
    expect(articleKeysOf(form, MOU)).toEqual([
      ...MOU.articles.map((a) => a.key).filter((k) => k !== 'confidentiality'),
      'governingLaw',
    ]);
  });
});

describe('what the template allows', () => {
  const problems = (negotiated: object, template = MOU, base = sample('mou')) => {
    try {
      checkNegotiated(agreementFormSchema.parse({ ...base, ...negotiated }), template, {});
      return [];
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return error.issues.map((i) => [i.path, i.message.en]);
    }
  };

  it('refuses to remove a required article, naming it', () => {
    expect(problems({ removeArticles: ['confidentiality', 'disputes'] })).toEqual([
      [
        'removeArticles[1]',
        'the article "disputes" (SETTLEMENT OF DISPUTES) is required in the MOU template (version 2): it cannot be removed',
      ],
    ]);
    expect(problems({ removeArticles: ['annex'] })).toEqual([
      [
        'removeArticles[0]',
        'the MOU template (version 2) has no article "annex"; it may leave out: confidentiality',
      ],
    ]);
    expect(problems({ removeArticles: ['confidentiality'] }, BUILTIN_TEMPLATES.MOU)).toEqual([
      [
        'removeArticles[0]',
        'the MOU template (version 1) has no article "confidentiality"; it may leave out: none',
      ],
    ]);
  });

  it('refuses a rewritten article the document does not show, and a new one without a heading', () => {
    const negotiated = {
      articles: [
        { key: 'language', clauses: [{ id: 'Bahasa Indonesia saja.' }] },
        { key: 'annex', clauses: [{ id: 'Lampiran.' }] },
      ],
    };
    // The PKS sample is in Indonesian only: no language article.
    expect(problems(negotiated, BUILTIN_TEMPLATES.PKS, sample('pks'))).toEqual([
      [
        'articles[0].key',
        'the article "language" (LANGUAGE) does not appear in this document (only when: bilingual)',
      ],
      [
        'articles[1].heading',
        'is required: "annex" is a new article, not one of the PKS template (version 1)',
      ],
    ]);
    expect(problems({ removeArticles: ['language'] }, BUILTIN_TEMPLATES.PKS, sample('pks'))[0]?.[1]).toMatch(
      /^the article "language" \(LANGUAGE\) is required/,
    );
  });
});

describe('the form’s negotiated wording', () => {
  const issues = (form: unknown) => {
    const parsed = agreementFormSchema.safeParse(form);
    return parsed.success ? [] : toIssues(parsed.error).map((i) => [i.path, i.message.en]);
  };

  it('takes English where the document is bilingual, and only there', () => {
    expect(
      issues({ ...sample('mou'), articles: [{ key: 'duration', clauses: [{ id: 'Tiga bulan.' }] }] }),
    ).toEqual([['articles[0].clauses[0].en', 'the English text is required']]);
    expect(
      issues({
        ...sample('pks'),
        articles: [{ key: 'duration', clauses: [{ id: 'Tiga bulan.', en: 'Three months.' }] }],
      }),
    ).toEqual([
      [
        'articles[0].clauses[0].en',
        'the document is in Indonesian only: remove this text or add "en" to languages',
      ],
    ]);
  });

  it('refuses markup, a key twice, an article both rewritten and removed, and too much text', () => {
    const mou = sample('mou');
    expect(
      issues({ ...mou, articles: [{ key: 'duration', clauses: [{ id: '<b>tiga</b>', en: 'three' }] }] }),
    ).toEqual([
      ['articles[0].clauses[0].id', 'must not contain markup (HTML tags or entities); write plain text'],
    ]);
    expect(issues({ ...mou, articles: [NOTICE, NOTICE], removeArticles: ['duration', 'x1', 'x1'] })).toEqual([
      ['articles[1].key', 'the article "duration" is given twice'],
      [
        'removeArticles[0]',
        'the article "duration" is also rewritten in articles: rewrite it or leave it out, not both',
      ],
      ['removeArticles[2]', 'the article "x1" is listed twice'],
    ]);
    expect(issues({ ...mou, removeArticles: ['Pasal 3'] })[0]?.[0]).toBe('removeArticles[0]');
    expect(issues({ ...mou, articles: [{ ...GOVERNING_LAW, key: 'closing' }] })[0]?.[0]).toBe(
      'articles[0].key',
    );
    const long = { id: 'a'.repeat(5000), en: 'b'.repeat(5000) };
    const big = Array.from({ length: 7 }, (_, i) => ({
      ...GOVERNING_LAW,
      key: `extra${i}`,
      clauses: [long],
    }));
    expect(issues({ ...mou, articles: big })).toEqual([
      [
        'articles',
        `the negotiated articles hold at most ${MAX_NEGOTIATED_CHARACTERS} characters in all (now ${7 * (10_000 + 'HUKUM YANG BERLAKU'.length + 'GOVERNING LAW'.length)})`,
      ],
    ]);
  });
});
