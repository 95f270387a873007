import * as z from 'zod';
import type { DocumentType } from '../form/agreement-form.js';
import { say } from '../form/messages.js';
import { articleKey } from './article-key.js';

export { SECTIONS } from './article-key.js';

/**
 * An agreement template as the Biro writes it (templates/*.yaml): the heading, opening, recitals,
 * articles and closing, each clause in Indonesian and English side by side. This schema is the one
 * source: the JSON Schema published as templates/template.schema.json is generated from it.
 *
 * Text may hold `{placeholders}` that the composer fills with literal form values (PLACEHOLDERS);
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

/** What a clause may repeat over: one item per party, scope line, field, contact or obligation. */
export const EACH = ['parties', 'scope', 'fields', 'contacts', 'obligations'] as const;
export type Each = (typeof EACH)[number];

const PARTY = [
  'party.label',
  'party.name',
  'party.NAME',
  'party.signatory',
  'party.position',
  'party.authority',
  'party.address',
] as const;

/** The placeholders the composer fills: everywhere, and besides those, inside each kind of repetition. */
export const PLACEHOLDERS = {
  everywhere: [
    'documentName',
    'title',
    'purpose',
    'implementation',
    'financing',
    'duration',
    'fields',
    'otherField',
    'signingPlace',
    'signingDate',
    'effectiveDate',
    'parent',
    'firstParty',
    'secondParty',
  ],
  parties: PARTY,
  obligations: PARTY,
  scope: ['item'],
  fields: ['item'],
  contacts: [...PARTY, 'contact.name', 'contact.position', 'contact.details'],
  /** The signature block's "UNTUK …" line, one per party. */
  signature: PARTY,
} as const;

const text = (what: string) => z.string().trim().min(1).describe(what);

const when = z
  .array(z.enum(CONDITIONS))
  .min(1)
  .optional()
  .meta({ id: 'Conditions', description: 'Conditions that must all hold for this to appear in a draft' });

/** A text in both languages; English may be left out only where no bilingual document shows it. */
const biText = z
  .object({
    id: text('Indonesian'),
    en: text('English: needed wherever a bilingual document can show the text').optional(),
  })
  .strict()
  .meta({ id: 'BilingualText' });

const clause = z
  .object({
    id: text('The clause in Indonesian'),
    en: text('The clause in English: needed unless only a monolingual document can show it').optional(),
    when,
    each: z.enum(EACH).optional().describe('Repeat the clause as a list: one item per party, scope line…'),
    label: z.enum(['number', 'letter']).optional().describe('How the items of `each` are labelled'),
  })
  .strict()
  .refine((c) => (c.each === undefined) === (c.label === undefined), {
    params: say(
      '`each` dan `label` selalu berpasangan: klausul berulang menyebut cara butirnya diberi label',
      '`each` and `label` go together: a repeated clause names how its items are labelled',
    ),
    path: ['label'],
  })
  .meta({ id: 'Clause' });

const article = z
  .object({
    key: articleKey,
    heading: biText.describe('"MAKSUD DAN TUJUAN" / "PURPOSE AND OBJECTIVES"'),
    optional: z
      .boolean()
      .optional()
      .describe('A draft may leave it out; the articles each document type must have cannot be optional'),
    when,
    clauses: z.array(clause).min(1),
  })
  .strict()
  .meta({ id: 'Article' });

export const templateSchema = z
  .object({
    documentType: z.enum(['LOI', 'MOU', 'PKS']).describe('The document type this template drafts'),
    name: biText.describe('Used inside sentences: "Nota Kesepahaman" / "Memorandum of Understanding"'),
    heading: biText.describe('The title line: "NOTA KESEPAHAMAN" / "MEMORANDUM OF UNDERSTANDING"'),
    opening: z.array(clause).min(1),
    recitals: z.array(clause).min(1),
    articles: z.array(article).min(1),
    closing: z.array(clause).min(1),
    signature: z.object({ for: biText.describe('"UNTUK {party.NAME}" / "FOR {party.NAME}"') }).strict(),
  })
  .strict()
  .meta({
    title: 'Agreement template',
    description:
      'A template of a Letter of Intent, Memorandum of Understanding or Cooperation Agreement, in Indonesian and English side by side',
  });

export type TemplateFile = z.infer<typeof templateSchema>;
export type Clause = z.infer<typeof clause>;
export type Article = z.infer<typeof article>;

/**
 * A template in force: its file's content, the id it is known by (the document type's) and the
 * version activation gave it. Versions are numbered per document type; the built-in ones are 1.
 */
export interface Template extends TemplateFile {
  id: string;
  version: number;
}

/** The JSON Schema of template files (templates/template.schema.json, GET /api/templates/schema). */
export const templateJsonSchema = () => z.toJSONSchema(templateSchema, { io: 'input' });

/** The article keys the built-in templates use; a template may add others. */
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
