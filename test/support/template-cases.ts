import type { DocumentModel } from '../../shared/documents/model.js';
import { type AgreementForm, parseAgreementForm } from '../../shared/form/agreement-form.js';
import { sha256 } from '../../shared/hash.js';
import { fivePartyKsb } from './documents.js';
import { sample } from './samples.js';

/**
 * Forms that between them meet every condition a template clause can name (domestic and foreign,
 * one language and two, each prevailing language, with and without implementation, financing,
 * contacts, duration, a parent and another field, in force on signing or on a date), for every
 * document type: what the built-in templates must compose identically before and after a change
 * of their storage.
 */
export interface TemplateCase {
  name: string;
  form: AgreementForm;
  parent?: { id: string; en?: string };
}

// biome-ignore lint/suspicious/noExplicitAny: the cases edit sample forms freely
type Form = any;

const PARENT = {
  id: 'Surat Pernyataan Kehendak tentang Kerja Sama Pembangunan',
  en: 'the Letter of Intent on Development Cooperation',
};

const obligationsOf = (form: Form) =>
  form.parties.map((_: unknown, party: number) => ({
    party,
    items: [
      form.languages.includes('en')
        ? { id: `kewajiban pihak ${party + 1}`, en: `obligation of party ${party + 1}` }
        : { id: `kewajiban pihak ${party + 1}` },
    ],
  }));

/** A form recast as another document type, with what that type needs. */
function as(form: Form, documentType: 'LOI' | 'MOU' | 'PKS'): Form {
  const out = { ...form, documentType };
  if (documentType === 'PKS') out.obligations = form.obligations ?? obligationsOf(form);
  else delete out.obligations;
  if (documentType !== 'LOI') out.durationYears = form.durationYears ?? 3;
  return out;
}

const bilingual = (en: string) => ({ id: `${en} (id)`, en });

const VARIANTS: Record<string, (f: Form) => Form> = {
  as: (f) => f,
  effectiveOnDate: (f) => ({ ...f, effectiveFrom: '2025-01-02' }),
  noDuration: (f) => ({ ...f, durationYears: f.documentType === 'LOI' ? undefined : f.durationYears }),
  bare: (f) => {
    const { implementation: _i, financing: _f, contacts: _c, ...rest } = f;
    return rest;
  },
  rich: (f) => {
    const en = f.languages.includes('en');
    const text = (s: string) => (en ? bilingual(s) : { id: s });
    return {
      ...f,
      fields: [...f.fields, 'other'],
      otherField: text('coastal fisheries'),
      implementation: text('A joint team implements it.'),
      financing: text('Each party finances its part.'),
      contacts: [{ party: 0, name: 'Rina Wulandari', position: 'Kepala Bagian', phone: '+62 24 1234' }],
    };
  },
  prevailingId: (f) => (f.languages.includes('en') ? { ...f, prevailingLanguage: 'id' } : f),
  prevailingEn: (f) => (f.languages.includes('en') ? { ...f, prevailingLanguage: 'en' } : f),
};

const BASES: Record<string, () => Form> = {
  mou: () => sample('mou'),
  pks: () => sample('pks'),
  loi: () => sample('loi'),
  ksb: () => fivePartyKsb(),
};

/** Every base form as every document type under every variant, with and without a parent. */
export function templateCases(): TemplateCase[] {
  const cases: TemplateCase[] = [];
  for (const [base, make] of Object.entries(BASES)) {
    for (const type of ['LOI', 'MOU', 'PKS'] as const) {
      for (const [variant, change] of Object.entries(VARIANTS)) {
        const form = parseAgreementForm(change(as(make(), type)));
        const name = `${base}-as-${type.toLowerCase()}-${variant}`;
        cases.push({ name, form });
        if (type !== 'LOI') cases.push({ name: `${name}-parent`, form, parent: PARENT });
      }
    }
  }
  return cases;
}

/** The model as JSON, images by their hash: what a fixture keeps of a composed document. */
export const modelFixture = (doc: DocumentModel) =>
  JSON.parse(
    JSON.stringify(doc, (key, value) =>
      key === 'bytes' && value instanceof Uint8Array ? `sha256:${sha256(value)}` : value,
    ),
  );
