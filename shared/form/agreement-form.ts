import * as z from 'zod';
import { articleKey } from '../documents/article-key.js';
import { pngProblem } from '../documents/png.js';
import { ValidationError } from '../errors.js';
import { type Bilingual, say, toIssues } from './messages.js';
import { biText, isoDate, isRealIsoDate, plainText } from './text.js';

export const DOCUMENT_TYPES = ['LOI', 'MOU', 'PKS'] as const;
export const CATEGORIES = ['KSDD', 'KSDPK', 'KSDPL', 'KSDLL'] as const;
/** Cooperation with a foreign government or institution: needs English and a foreign party. */
export const FOREIGN_CATEGORIES: readonly Category[] = ['KSDPL', 'KSDLL'];
export const FIELD_CODES = [
  'education',
  'health',
  'tourism',
  'culture',
  'trade_investment',
  'environment',
  'youth_sport',
  'science_technology',
  'food_security',
  'governance',
  'infrastructure',
  'other',
] as const;

export type DocumentType = (typeof DOCUMENT_TYPES)[number];
export type Category = (typeof CATEGORIES)[number];
export type FieldCode = (typeof FIELD_CODES)[number];

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
/** ISO 3166-1's user-assigned codes, which ICU names ("ZZ": Unknown Region) but are no country; XK is Kosovo. */
const USER_ASSIGNED = /^(AA|Q[M-Z]|X[A-JL-Z]|ZZ)$/;
/**
 * ISO 3166-1 alpha-2 codes that ICU knows as a region. One check: zod runs every refinement even
 * after a format check failed, and ICU throws a RangeError for anything but a code ("Indonesia").
 */
const countryCode = z
  .string()
  .refine((c) => /^[A-Z]{2}$/.test(c) && !USER_ASSIGNED.test(c) && regionNames.of(c) !== c, {
    params: say(
      'kode negara tidak dikenal: gunakan kode ISO 3166-1 dua huruf, mis. "ID", "AU", "JP"',
      'unknown country code: use a two-letter ISO 3166-1 code, e.g. "ID", "AU", "JP"',
    ),
  })
  .meta({ description: 'ISO 3166-1 alpha-2, e.g. "ID", "AU", "JP"' });

/** A short unit code such as DISDIK or BIROPEM. */
export const UNIT_CODE = /^[A-Z0-9][A-Z0-9_-]{1,19}$/;

/** A unit's code, as the unit registry and the form both spell it. */
export const unitCode = z
  .string()
  .trim()
  .refine((c) => UNIT_CODE.test(c), {
    params: say(
      'harus kode singkat 2–20 huruf kapital/angka, mis. "DISDIK"',
      'must be a short code of 2–20 capital letters or digits, e.g. "DISDIK"',
    ),
  });

const partyIndex = z.number().int().min(0);

/**
 * A party's emblem printed at the top of page one: a PNG, base64 in the JSON. The form is stored whole
 * with each version in one DynamoDB item (400 KB at most), so each emblem is kept small and all of them
 * together smaller still; an emblem printed 2 cm tall needs no more.
 */
export const MAX_EMBLEM_BYTES = 64 * 1024;
export const MAX_EMBLEMS_TOTAL_BYTES = 128 * 1024;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const fromBase64 = (data: string): Uint8Array => Uint8Array.from(atob(data), (c) => c.charCodeAt(0));

const emblem = z.object({
  contentType: z.literal('image/png'),
  data: z.string().superRefine((data, ctx) => {
    const problem =
      data.length > Math.ceil(MAX_EMBLEM_BYTES / 3) * 4
        ? say(
            `gambar terlalu besar: paling besar ${MAX_EMBLEM_BYTES / 1024} KB`,
            `the image is too large: at most ${MAX_EMBLEM_BYTES / 1024} KB`,
          )
        : BASE64.test(data)
          ? pngProblem(fromBase64(data))
          : say('harus berkas PNG dalam base64', 'must be a PNG file in base64');
    if (problem) ctx.addIssue({ code: 'custom', message: problem.en, params: problem });
  }),
});

export type EmblemInput = z.infer<typeof emblem>;

/** The bytes of a validated emblem. */
export const emblemBytes = (e: EmblemInput): Uint8Array => fromBase64(e.data);

const party = z.object({
  name: biText(300),
  country: countryCode,
  signatory: z.object({
    name: plainText(200),
    position: biText(300),
    authority: biText(500).optional(),
  }),
  address: plainText(500).optional(),
  documentNumber: plainText(100).optional(),
  emblem: emblem.optional(),
});

const contact = z.object({
  party: partyIndex,
  name: plainText(200),
  position: plainText(300),
  email: z.email().optional(),
  phone: plainText(40).optional(),
});

const obligation = z.object({
  party: partyIndex,
  items: z.array(biText(2000)).min(1).max(50),
});

/** All negotiated wording together: the form is stored whole with each version, in one DynamoDB item. */
export const MAX_NEGOTIATED_CHARACTERS = 60_000;

/**
 * Negotiated wording: an article of the template with its text replaced (the heading too, if given),
 * or a new article under a key the template lacks. Printed as written: no placeholders are filled.
 */
const negotiatedArticle = z.object({
  key: articleKey,
  heading: biText(300).optional(),
  clauses: z.array(biText(5000)).min(1).max(30),
});

export type NegotiatedArticle = z.infer<typeof negotiatedArticle>;

const baseForm = z.object({
  documentType: z.enum(DOCUMENT_TYPES),
  category: z.enum(CATEGORIES),
  languages: z
    .array(z.enum(['id', 'en']))
    .min(1)
    .max(2),
  prevailingLanguage: z.enum(['id', 'en', 'equal']).optional(),
  initiatingUnit: z.object({ code: unitCode, name: plainText(300) }),
  title: biText(500),
  parties: z.array(party).min(2).max(10),
  fields: z.array(z.enum(FIELD_CODES)).min(1),
  otherField: biText(300).optional(),
  purpose: biText(5000),
  scope: z.array(biText(2000)).min(1).max(30),
  implementation: biText(5000).optional(),
  obligations: z.array(obligation).optional(),
  financing: biText(5000).optional(),
  durationYears: z.number().int().min(1).max(30).optional(),
  effectiveFrom: z.string().refine((s) => s === 'signing' || isRealIsoDate(s), {
    params: say(
      'harus "signing" (berlaku sejak ditandatangani) atau tanggal TTTT-BB-HH yang ada',
      'must be "signing" (in force on signature) or a real date YYYY-MM-DD',
    ),
  }),
  contacts: z.array(contact).max(20).optional(),
  signing: z.object({ place: biText(200), date: isoDate.optional() }),
  parent: z.object({ agreementId: plainText(64) }).optional(),
  articles: z.array(negotiatedArticle).max(30).optional(),
  /** Optional articles of the template this draft leaves out. */
  removeArticles: z.array(articleKey).max(30).optional(),
});

type BaseForm = z.infer<typeof baseForm>;
type Report = (path: PropertyKey[], message: Bilingual) => void;

/** Visits every bilingual text in the form with its path. */
function eachBiText(
  value: unknown,
  path: PropertyKey[],
  visit: (t: { en?: unknown }, p: PropertyKey[]) => void,
) {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      eachBiText(v, [...path, i], visit);
    });
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const keys = Object.keys(value);
  if (typeof (value as { id?: unknown }).id === 'string' && keys.every((k) => k === 'id' || k === 'en')) {
    visit(value, path);
    return;
  }
  for (const k of keys) eachBiText((value as Record<string, unknown>)[k], [...path, k], visit);
}

function checkLanguages(form: BaseForm, report: Report) {
  const [first, second] = form.languages;
  if (first !== 'id' || (second !== undefined && second !== 'en')) {
    report(
      ['languages'],
      say(
        'bahasa pertama harus "id"; yang kedua, bila ada, "en"',
        'the first language must be "id"; the second, if any, "en"',
      ),
    );
  }
  const bilingual = form.languages.includes('en');
  if (FOREIGN_CATEGORIES.includes(form.category) && !bilingual) {
    report(
      ['languages'],
      say(
        `kerja sama luar negeri (${form.category}) wajib dwibahasa: tambahkan "en"`,
        `foreign cooperation (${form.category}) must be bilingual: add "en"`,
      ),
    );
  }
  if (bilingual && !form.prevailingLanguage) {
    report(
      ['prevailingLanguage'],
      say(
        'wajib diisi untuk dokumen dwibahasa: "id", "en" atau "equal"',
        'is required for a bilingual document: "id", "en" or "equal"',
      ),
    );
  }
  if (!bilingual && form.prevailingLanguage && form.prevailingLanguage !== 'id') {
    report(
      ['prevailingLanguage'],
      say('hanya berlaku untuk dokumen dwibahasa', 'applies only to a bilingual document'),
    );
  }
  eachBiText(form, [], (text, path) => {
    if (bilingual && text.en === undefined) {
      report([...path, 'en'], say('teks bahasa Inggris wajib diisi', 'the English text is required'));
    } else if (!bilingual && text.en !== undefined) {
      report(
        [...path, 'en'],
        say(
          'dokumen hanya berbahasa Indonesia: hapus teks ini atau tambahkan "en" pada languages',
          'the document is in Indonesian only: remove this text or add "en" to languages',
        ),
      );
    }
  });
}

function checkParties(form: BaseForm, report: Report) {
  const emblems = form.parties.reduce((n, p) => n + Math.floor(((p.emblem?.data.length ?? 0) * 3) / 4), 0);
  if (emblems > MAX_EMBLEMS_TOTAL_BYTES) {
    report(
      ['parties'],
      say(
        `lambang para pihak bersama-sama paling besar ${MAX_EMBLEMS_TOTAL_BYTES / 1024} KB: perkecil gambarnya`,
        `the parties' emblems together must be at most ${MAX_EMBLEMS_TOTAL_BYTES / 1024} KB: make the images smaller`,
      ),
    );
  }
  if (form.parties[0]?.country !== 'ID') {
    report(
      ['parties', 0, 'country'],
      say(
        'pihak pertama adalah daerah pengguna sistem: harus "ID"',
        'the first party is the region itself: must be "ID"',
      ),
    );
  }
  const foreign = FOREIGN_CATEGORIES.includes(form.category);
  const hasForeignParty = form.parties.some((p) => p.country !== 'ID');
  if (foreign && !hasForeignParty) {
    report(
      ['parties'],
      say(
        `kategori ${form.category} memerlukan paling sedikit satu pihak luar negeri`,
        `category ${form.category} needs at least one foreign party`,
      ),
    );
  }
  if (!foreign) {
    form.parties.forEach((p, i) => {
      if (p.country !== 'ID') {
        report(
          ['parties', i, 'country'],
          say(
            `kategori ${form.category} hanya untuk pihak dalam negeri ("ID"); pilih KSDPL atau KSDLL`,
            `category ${form.category} is for Indonesian parties only ("ID"); choose KSDPL or KSDLL`,
          ),
        );
      }
    });
  }
  const checkIndex = (index: number, path: PropertyKey[]) => {
    if (index >= form.parties.length) {
      report(
        path,
        say(
          `pihak nomor ${index} tidak ada: gunakan 0 sampai ${form.parties.length - 1}`,
          `there is no party ${index}: use 0 to ${form.parties.length - 1}`,
        ),
      );
    }
  };
  form.contacts?.forEach((c, i) => {
    checkIndex(c.party, ['contacts', i, 'party']);
  });
  form.obligations?.forEach((o, i) => {
    checkIndex(o.party, ['obligations', i, 'party']);
  });
}

function checkContent(form: BaseForm, report: Report) {
  if (form.fields.includes('other') && !form.otherField) {
    report(
      ['otherField'],
      say('wajib diisi bila bidang "other" dipilih', 'is required when the field "other" is chosen'),
    );
  }
  if (new Set(form.fields).size !== form.fields.length) {
    report(['fields'], say('ada bidang yang disebut dua kali', 'a field is listed twice'));
  }
  if (form.documentType === 'PKS') {
    if (!form.obligations?.length) {
      report(
        ['obligations'],
        say(
          'wajib diisi untuk PKS: hak dan kewajiban tiap pihak',
          'is required for a PKS: each party’s rights and obligations',
        ),
      );
    } else {
      form.parties.forEach((_, i) => {
        if (!form.obligations?.some((o) => o.party === i)) {
          report(
            ['obligations'],
            say(`kewajiban pihak nomor ${i} belum diisi`, `the obligations of party ${i} are missing`),
          );
        }
      });
    }
  } else if (form.obligations?.length) {
    report(
      ['obligations'],
      say(
        'hak dan kewajiban hanya dimuat dalam PKS: hapus bagian ini',
        'rights and obligations belong in a PKS only: remove them',
      ),
    );
  }
  if (form.documentType !== 'LOI' && form.durationYears === undefined) {
    report(
      ['durationYears'],
      say('wajib diisi: jangka waktu dalam tahun (1–30)', 'is required: the duration in years (1–30)'),
    );
  }
  if (form.parent && form.documentType === 'LOI') {
    report(['parent'], say('LoI tidak memiliki dokumen induk', 'an LoI has no parent document'));
  }
}

/**
 * What the form alone says of its negotiated wording: each key once, an article either rewritten or
 * left out, the text within bounds. What the template allows is checked against it when drafting.
 */
function checkNegotiation(form: BaseForm, report: Report) {
  const articles = form.articles ?? [];
  const rewritten = articles.map((a) => a.key);
  articles.forEach((a, i) => {
    if (rewritten.indexOf(a.key) !== i) {
      report(
        ['articles', i, 'key'],
        say(`pasal "${a.key}" disebut dua kali`, `the article "${a.key}" is given twice`),
      );
    }
  });
  form.removeArticles?.forEach((key, i) => {
    if (form.removeArticles?.indexOf(key) !== i) {
      report(
        ['removeArticles', i],
        say(`pasal "${key}" disebut dua kali`, `the article "${key}" is listed twice`),
      );
    } else if (rewritten.includes(key)) {
      report(
        ['removeArticles', i],
        say(
          `pasal "${key}" juga diubah dalam articles: ubah atau hapus, tidak keduanya`,
          `the article "${key}" is also rewritten in articles: rewrite it or leave it out, not both`,
        ),
      );
    }
  });
  const length = (t?: { id: string; en?: string }) => (t ? t.id.length + (t.en?.length ?? 0) : 0);
  const total = articles.reduce(
    (n, a) => n + length(a.heading) + a.clauses.reduce((m, c) => m + length(c), 0),
    0,
  );
  if (total > MAX_NEGOTIATED_CHARACTERS) {
    report(
      ['articles'],
      say(
        `teks pasal yang dirundingkan paling banyak ${MAX_NEGOTIATED_CHARACTERS} karakter seluruhnya (kini ${total})`,
        `the negotiated articles hold at most ${MAX_NEGOTIATED_CHARACTERS} characters in all (now ${total})`,
      ),
    );
  }
}

/** The drafting form, exactly the shape of the form contract (unknown keys are ignored). */
export const agreementFormSchema = baseForm.superRefine((form, ctx) => {
  const report: Report = (path, message) =>
    ctx.addIssue({ code: 'custom', path, message: message.en, params: message });
  checkLanguages(form, report);
  checkParties(form, report);
  checkContent(form, report);
  checkNegotiation(form, report);
});

export type AgreementForm = z.infer<typeof agreementFormSchema>;

/**
 * The form as a client may send it: the first party (the region itself) may be left out (`null`) or
 * given in part, and the initiating unit's name may be left out. Drafting completes both from the
 * region's profile and its unit registry (shared/agreement/first-party.ts), then checks the whole
 * form with agreementFormSchema.
 */
export const agreementFormInputSchema = baseForm.extend({
  initiatingUnit: z.object({ code: unitCode, name: plainText(300).optional() }),
  parties: z.tuple([party.partial().nullable()], party).refine((p) => p.length >= 2 && p.length <= 10, {
    params: say('harus berisi 2 sampai 10 pihak', 'must have 2 to 10 parties'),
  }),
});

export type AgreementFormInput = z.infer<typeof agreementFormInputSchema>;
export type Party = AgreementForm['parties'][number];

/** Validates a form; throws a ValidationError naming every problem. */
export function parseAgreementForm(input: unknown): AgreementForm {
  const result = agreementFormSchema.safeParse(input, { reportInput: true });
  if (!result.success) throw new ValidationError(toIssues(result.error));
  return result.data;
}

export const isForeign = (form: Pick<AgreementForm, 'category'>): boolean =>
  FOREIGN_CATEGORIES.includes(form.category);
