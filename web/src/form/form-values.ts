import type {
  AgreementForm,
  Category,
  DocumentType,
  EmblemInput,
  FieldCode,
  NegotiatedArticle,
} from '../../../shared/form/agreement-form.js';
import { FOREIGN_CATEGORIES } from '../../../shared/form/agreement-form.js';
import type { RegionProfile } from '../types.js';

/** A bilingual text as typed: both halves always present, `en` sent only for a bilingual document. */
export interface Bi {
  id: string;
  en: string;
}

/**
 * The form as the user edits it: the API's shape with every input's text kept as typed, so that each
 * input's name is the very path the schema reports (`parties[1].signatory.name`).
 */
export interface FormValues {
  documentType: DocumentType;
  category: Category;
  languages: ('id' | 'en')[];
  prevailingLanguage: '' | 'id' | 'en' | 'equal';
  initiatingUnit: { code: string; name: string };
  title: Bi;
  parties: {
    name: Bi;
    country: string;
    signatory: { name: string; position: Bi; authority: Bi };
    address: string;
    documentNumber: string;
    /** Printed above the title: kept as the API has it, so that editing a draft never drops it. */
    emblem?: EmblemInput;
  }[];
  fields: FieldCode[];
  otherField: Bi;
  purpose: Bi;
  scope: Bi[];
  implementation: Bi;
  obligations: { party: number; items: Bi[] }[];
  financing: Bi;
  durationYears: string;
  /** "signing", or the date typed (empty while the user has chosen "on a date" but not typed it). */
  effectiveFrom: string;
  contacts: { party: number; name: string; position: string; email: string; phone: string }[];
  signing: { place: Bi; date: string };
  parent: { agreementId: string };
  /** Negotiated wording (the article editor on the agreement page): kept as the API has it, never dropped. */
  articles?: NegotiatedArticle[];
  removeArticles?: string[];
}

export const blankBi = (): Bi => ({ id: '', en: '' });

/** A number typed into a text input, as the body carries it: a number, the text itself when it is none (the schema says so), nothing when empty. */
export function numberOf(typed: string): number | string | undefined {
  const text = typed.trim();
  if (!text) return undefined;
  return Number.isFinite(Number(text)) ? Number(text) : text;
}

export const blankParty = (country = 'ID'): FormValues['parties'][number] => ({
  name: blankBi(),
  country,
  signatory: { name: '', position: blankBi(), authority: blankBi() },
  address: '',
  documentNumber: '',
});

/** The region as the first party: its name, address and head of region signing (the API fills the same). */
export function regionParty(region: RegionProfile): FormValues['parties'][number] {
  return {
    ...blankParty(),
    name: { ...region.name },
    signatory: {
      name: region.head.name,
      position: { ...region.head.position },
      authority: { ...blankBi(), ...region.head.authority },
    },
    address: region.address,
  };
}

/** A new draft for the drafter's unit; its first party is the region's when its profile is known. */
export function blankForm(unit: FormValues['initiatingUnit'], region?: RegionProfile): FormValues {
  return {
    documentType: 'MOU',
    category: 'KSDD',
    languages: ['id'],
    prevailingLanguage: '',
    initiatingUnit: unit,
    title: blankBi(),
    parties: [region ? regionParty(region) : blankParty(), blankParty()],
    fields: [],
    otherField: blankBi(),
    purpose: blankBi(),
    scope: [blankBi()],
    implementation: blankBi(),
    obligations: [],
    financing: blankBi(),
    durationYears: '',
    effectiveFrom: 'signing',
    contacts: [],
    signing: { place: blankBi(), date: '' },
    parent: { agreementId: '' },
  };
}

export const isForeignCategory = (c: Category) => FOREIGN_CATEGORIES.includes(c);

export const isBilingual = (v: FormValues) => v.languages.includes('en');

const bi = (t: { id: string; en?: string } | undefined): Bi => ({ id: t?.id ?? '', en: t?.en ?? '' });

/** A stored version's form, opened for editing. */
export function fromApi(form: AgreementForm): FormValues {
  return {
    documentType: form.documentType,
    category: form.category,
    languages: form.languages,
    prevailingLanguage: form.prevailingLanguage ?? '',
    initiatingUnit: { ...form.initiatingUnit },
    title: bi(form.title),
    parties: form.parties.map((p) => ({
      name: bi(p.name),
      country: p.country,
      signatory: {
        name: p.signatory.name,
        position: bi(p.signatory.position),
        authority: bi(p.signatory.authority),
      },
      address: p.address ?? '',
      documentNumber: p.documentNumber ?? '',
      ...(p.emblem ? { emblem: p.emblem } : {}),
    })),
    fields: form.fields,
    otherField: bi(form.otherField),
    purpose: bi(form.purpose),
    scope: form.scope.map(bi),
    implementation: bi(form.implementation),
    obligations: (form.obligations ?? []).map((o) => ({ party: o.party, items: o.items.map(bi) })),
    financing: bi(form.financing),
    durationYears: form.durationYears === undefined ? '' : String(form.durationYears),
    effectiveFrom: form.effectiveFrom,
    contacts: (form.contacts ?? []).map((c) => ({
      party: c.party,
      name: c.name,
      position: c.position,
      email: c.email ?? '',
      phone: c.phone ?? '',
    })),
    signing: { place: bi(form.signing.place), date: form.signing.date ?? '' },
    parent: { agreementId: form.parent?.agreementId ?? '' },
    ...(form.articles?.length ? { articles: form.articles } : {}),
    ...(form.removeArticles?.length ? { removeArticles: form.removeArticles } : {}),
  };
}

/**
 * The body the API takes: optional texts left empty are omitted, English only for a bilingual
 * document, numbers as numbers. Everything else goes as typed, so the schema judges it.
 */
export function toApi(v: FormValues): unknown {
  const bilingual = isBilingual(v);
  const text = (t: Bi) => (bilingual ? { id: t.id, en: t.en } : { id: t.id });
  const optionalText = (t: Bi) => (t.id.trim() || (bilingual && t.en.trim()) ? text(t) : undefined);
  const optional = (s: string) => (s.trim() ? s : undefined);
  return {
    documentType: v.documentType,
    category: v.category,
    languages: v.languages,
    prevailingLanguage: bilingual ? v.prevailingLanguage || undefined : undefined,
    initiatingUnit: v.initiatingUnit,
    title: text(v.title),
    parties: v.parties.map((p) => ({
      name: text(p.name),
      country: p.country.trim().toUpperCase(),
      signatory: {
        name: p.signatory.name,
        position: text(p.signatory.position),
        authority: optionalText(p.signatory.authority),
      },
      address: optional(p.address),
      documentNumber: optional(p.documentNumber),
      emblem: p.emblem,
    })),
    fields: v.fields,
    otherField: v.fields.includes('other') ? optionalText(v.otherField) : undefined,
    purpose: text(v.purpose),
    scope: v.scope.map(text),
    implementation: optionalText(v.implementation),
    obligations:
      v.documentType === 'PKS'
        ? v.obligations.map((o) => ({ party: o.party, items: o.items.map(text) }))
        : undefined,
    financing: optionalText(v.financing),
    durationYears: numberOf(v.durationYears),
    effectiveFrom: v.effectiveFrom,
    contacts: v.contacts.length
      ? v.contacts.map((c) => ({
          party: c.party,
          name: c.name,
          position: c.position,
          email: optional(c.email),
          phone: optional(c.phone),
        }))
      : undefined,
    signing: { place: text(v.signing.place), date: optional(v.signing.date) },
    parent: v.documentType !== 'LOI' && v.parent.agreementId.trim() ? v.parent : undefined,
    articles: v.articles,
    removeArticles: v.removeArticles,
  };
}

/** Keeps the parts that depend on other answers in step: one obligations entry per party for a PKS. */
export function reconcile(v: FormValues): FormValues {
  if (v.documentType !== 'PKS') return v.obligations.length ? { ...v, obligations: [] } : v;
  if (v.obligations.length === v.parties.length) return v;
  const obligations = v.parties.map(
    (_, i) => v.obligations.find((o) => o.party === i) ?? { party: i, items: [blankBi()] },
  );
  return { ...v, obligations };
}
