import * as z from 'zod';
import type { DocumentType } from '../form/agreement-form.js';

/**
 * A versioned agreement template: clauses in Indonesian and English side by side, as data a Biro
 * clerk can review. Text may hold `{placeholders}` that the composer fills with literal form values:
 *
 * - anywhere: {documentName} {title} {purpose} {implementation} {financing} {duration} {fields}
 *   {otherField} {signingPlace} {signingDate} {effectiveDate} {parent} {firstParty} {secondParty}
 * - in `each: 'parties'` and `each: 'obligations'`: {party.label} {party.name} {party.NAME}
 *   {party.signatory} {party.position} {party.authority} {party.address}
 * - in `each: 'scope'` and `each: 'fields'`: {item}
 * - in `each: 'contacts'`: {party.label} {contact.name} {contact.position} {contact.details}
 *
 * `when` names conditions that must all hold for a clause or article to appear.
 */
export const CONDITIONS = [
  'foreign',
  'domestic',
  'bilingual',
  'monolingual',
  'prevailingId',
  'prevailingEn',
  'prevailingEqual',
  'hasImplementation',
  'hasFinancing',
  'noFinancing',
  'hasContacts',
  'hasDuration',
  'noDuration',
  'effectiveOnSigning',
  'effectiveOnDate',
  'hasParent',
  'hasOtherField',
] as const;

export type Condition = (typeof CONDITIONS)[number];

const bi = z.object({ id: z.string().min(1), en: z.string().min(1) });
const when = z.array(z.enum(CONDITIONS)).optional();

const clause = z.union([
  z.object({ text: bi, when }).strict(),
  z
    .object({
      each: z.enum(['parties', 'scope', 'fields', 'contacts', 'obligations']),
      text: bi,
      label: z.enum(['number', 'letter']),
      when,
    })
    .strict(),
]);

export const ARTICLE_KEYS = [
  'purpose',
  'scope',
  'followUp',
  'nonBinding',
  'implementation',
  'obligations',
  'financing',
  'duration',
  'forceMajeure',
  'disputes',
  'amendment',
  'language',
] as const;

export type ArticleKey = (typeof ARTICLE_KEYS)[number];

const article = z
  .object({
    key: z.enum(ARTICLE_KEYS),
    heading: bi,
    when,
    clauses: z.array(clause).min(1),
  })
  .strict();

export const templateSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    version: z.number().int().min(1),
    documentType: z.enum(['LOI', 'MOU', 'PKS']),
    /** "Nota Kesepahaman" / "Memorandum of Understanding", used inside sentences. */
    name: bi,
    /** The title line: "NOTA KESEPAHAMAN" / "MEMORANDUM OF UNDERSTANDING". */
    heading: bi,
    opening: z.array(clause).min(1),
    recitals: z.array(clause).min(1),
    articles: z.array(article).min(1),
    closing: z.array(clause).min(1),
    signature: z.object({ for: bi }).strict(),
  })
  .strict();

export type Template = z.infer<typeof templateSchema>;
export type Clause = z.infer<typeof clause>;
export type Article = z.infer<typeof article>;

/** The articles each document type must have (domain brief); `language` only when bilingual. */
export const REQUIRED_ARTICLES: Record<DocumentType, readonly ArticleKey[]> = {
  LOI: ['purpose', 'scope', 'followUp', 'nonBinding', 'duration', 'language'],
  MOU: [
    'purpose',
    'scope',
    'implementation',
    'financing',
    'duration',
    'forceMajeure',
    'disputes',
    'amendment',
    'language',
  ],
  PKS: [
    'purpose',
    'scope',
    'implementation',
    'obligations',
    'financing',
    'duration',
    'forceMajeure',
    'disputes',
    'amendment',
    'language',
  ],
};

/** Problems that make a template unfit for use: shape errors and missing required articles. */
export function templateProblems(template: unknown): string[] {
  const parsed = templateSchema.safeParse(template);
  if (!parsed.success) return parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  const t = parsed.data;
  const keys = t.articles.map((a) => a.key);
  const problems = REQUIRED_ARTICLES[t.documentType]
    .filter((key) => !keys.includes(key))
    .map((key) => `${t.id}: the ${t.documentType} article "${key}" is missing`);
  const duplicates = keys.filter((k, i) => keys.indexOf(k) !== i);
  for (const key of duplicates) problems.push(`${t.id}: the article "${key}" appears twice`);
  return problems;
}
