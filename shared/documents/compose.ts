import {
  type AgreementForm,
  emblemBytes,
  type FieldCode,
  isForeign,
  type NegotiatedArticle,
} from '../form/agreement-form.js';
import type { BiText, Block, DocumentModel, Emblem, Image, Language, PartyMark } from './model.js';
import type { Clause, Condition, Each, Template } from './template.js';
import {
  dateInWordsEnglish,
  dateInWordsIndonesian,
  numberToEnglish,
  numberToIndonesian,
  ordinalToEnglish,
  shortDateEnglish,
  shortDateIndonesian,
} from './words.js';

/**
 * What the composer needs besides the form: the footer number, the parent's title if any, the
 * parties' emblems from the region's profile, and when the version is drafted.
 */
export interface ComposeContext {
  documentNumber: string;
  /** "Nota Kesepahaman tentang …" of the LoI/MoU this document follows, in the document's languages. */
  parent?: { id: string; en?: string };
  /** Emblems kept outside the form (the region's own, from its profile); they win over the form's. */
  emblems?: { party: number; image: { bytes: Uint8Array; contentType: string } }[];
  /** ISO 8601 time the version is drafted: the creation date inside the PDF and DOCX. */
  issuedAt?: string;
}

const IMAGE_TYPES: readonly string[] = ['image/png', 'image/jpeg'] satisfies Image['contentType'][];

const FIELD_NAMES: Record<FieldCode, { id: string; en: string }> = {
  education: { id: 'pendidikan', en: 'education' },
  health: { id: 'kesehatan', en: 'health' },
  tourism: { id: 'pariwisata', en: 'tourism' },
  culture: { id: 'kebudayaan', en: 'culture' },
  trade_investment: { id: 'perdagangan dan investasi', en: 'trade and investment' },
  environment: { id: 'lingkungan hidup', en: 'environment' },
  youth_sport: { id: 'kepemudaan dan olahraga', en: 'youth and sport' },
  science_technology: { id: 'ilmu pengetahuan dan teknologi', en: 'science and technology' },
  food_security: { id: 'ketahanan pangan', en: 'food security' },
  governance: { id: 'tata kelola pemerintahan', en: 'governance' },
  infrastructure: { id: 'infrastruktur', en: 'infrastructure' },
  other: { id: 'bidang lain', en: 'other fields' },
};

const BLANK = '……………';

type Vars = Record<string, string>;
type Text = { id: string; en?: string };

/** Replaces `{name}` tokens in one pass, so placeholders inside form values stay literal text. */
function fill(text: string, vars: Vars): string {
  return text.replace(/\{([A-Za-z.]+)\}/g, (_, name: string) => {
    const value = vars[name];
    if (value === undefined) throw new Error(`template placeholder {${name}} is unknown here`);
    return value;
  });
}

function partyLabel(index: number, lang: Language): string {
  if (lang === 'en') return `${ordinalToEnglish(index + 1).toUpperCase()} PARTY`;
  return `PIHAK ${index === 0 ? 'PERTAMA' : `KE${numberToIndonesian(index + 1).toUpperCase()}`}`;
}

/** "a, b dan c"; in a title the conjunction is in capitals too. */
function joinList(items: string[], lang: Language, capitals = false): string {
  if (items.length <= 1) return items.join('');
  const word = lang === 'id' ? 'dan' : 'and';
  const and = capitals ? word.toLocaleUpperCase(lang) : word;
  return `${items.slice(0, -1).join(', ')} ${and} ${items.at(-1)}`;
}

/** The template conditions that hold for the form `f` (composed with `context`'s parent, if any). */
export function conditionsOf(f: AgreementForm, context: Pick<ComposeContext, 'parent'>): Set<Condition> {
  const bilingual = f.languages.includes('en');
  const holds: Record<Condition, boolean> = {
    foreign: isForeign(f),
    domestic: !isForeign(f),
    bilingual,
    monolingual: !bilingual,
    prevailingId: f.prevailingLanguage === 'id',
    prevailingEn: f.prevailingLanguage === 'en',
    prevailingEqual: f.prevailingLanguage === 'equal',
    hasImplementation: f.implementation !== undefined,
    hasFinancing: f.financing !== undefined,
    noFinancing: f.financing === undefined,
    hasContacts: (f.contacts?.length ?? 0) > 0,
    hasDuration: f.durationYears !== undefined,
    noDuration: f.durationYears === undefined,
    effectiveOnSigning: f.effectiveFrom === 'signing',
    effectiveOnDate: f.effectiveFrom !== 'signing',
    hasParent: context.parent !== undefined,
    hasOtherField: f.otherField !== undefined,
  };
  return new Set((Object.keys(holds) as Condition[]).filter((c) => holds[c]));
}

/** Whether a template article or clause with these conditions appears in a document where `holding` hold. */
export const applies = (when: readonly Condition[] | undefined, holding: ReadonlySet<Condition>) =>
  (when ?? []).every((c) => holding.has(c));

class Composer {
  private readonly langs: readonly Language[];
  private readonly conditions: Set<Condition>;
  private readonly globals: Record<Language, Vars>;

  constructor(
    private readonly form: AgreementForm,
    private readonly template: Template,
    private readonly context: ComposeContext,
  ) {
    this.langs = form.languages.includes('en') ? ['id', 'en'] : ['id'];
    this.conditions = conditionsOf(form, context);
    this.globals = { id: this.globalVars('id'), en: this.globalVars('en') };
  }

  private pick(text: Text | undefined, lang: Language): string {
    if (!text) return '';
    return lang === 'en' ? (text.en ?? text.id) : text.id;
  }

  private globalVars(lang: Language): Vars {
    const f = this.form;
    const years = f.durationYears;
    const id = lang === 'id';
    const date = f.signing.date;
    return {
      documentName: this.pick(this.template.name, lang),
      title: this.pick(f.title, lang),
      purpose: this.pick(f.purpose, lang),
      implementation: this.pick(f.implementation, lang),
      financing: this.pick(f.financing, lang),
      duration:
        years === undefined
          ? ''
          : id
            ? `${years} (${numberToIndonesian(years)}) tahun`
            : `${years} (${numberToEnglish(years)}) year${years === 1 ? '' : 's'}`,
      fields: joinList(
        f.fields.map((code) => FIELD_NAMES[code][lang]),
        lang,
      ),
      otherField: this.pick(f.otherField, lang),
      signingPlace: this.pick(f.signing.place, lang),
      signingDate: date
        ? id
          ? dateInWordsIndonesian(date)
          : dateInWordsEnglish(date)
        : id
          ? `${BLANK}, tanggal ${BLANK} bulan ${BLANK} tahun ${BLANK}`
          : `${BLANK}, the ${BLANK} day of ${BLANK} in the year ${BLANK}`,
      effectiveDate:
        f.effectiveFrom === 'signing'
          ? ''
          : id
            ? shortDateIndonesian(f.effectiveFrom)
            : shortDateEnglish(f.effectiveFrom),
      parent: this.pick(this.context.parent, lang),
      firstParty: partyLabel(0, lang),
      secondParty: partyLabel(1, lang),
    };
  }

  private partyVars(index: number, lang: Language): Vars {
    const p = this.form.parties[index];
    if (!p) throw new Error(`party ${index} does not exist`);
    const name = this.pick(p.name, lang);
    const authority = this.pick(p.signatory.authority, lang);
    return {
      'party.label': partyLabel(index, lang),
      'party.name': name,
      'party.NAME': name.toLocaleUpperCase(lang),
      'party.signatory': p.signatory.name,
      'party.position': this.pick(p.signatory.position, lang),
      'party.authority': authority ? `, ${authority}` : '',
      'party.address': p.address ?? '',
    };
  }

  private applies(when: readonly Condition[] | undefined): boolean {
    return applies(when, this.conditions);
  }

  /** Fills a template text in every language of the document. */
  private text(t: Text, extra: (lang: Language) => Vars = () => ({})): BiText {
    const out: BiText = { id: fill(t.id, { ...this.globals.id, ...extra('id') }) };
    if (this.langs.includes('en')) {
      // A checked template has English wherever a bilingual document shows the text.
      if (t.en === undefined) throw new Error(`the template has no English for "${t.id.slice(0, 80)}"`);
      out.en = fill(t.en, { ...this.globals.en, ...extra('en') });
    }
    return out;
  }

  private literal(t: Text): BiText {
    return this.langs.includes('en') ? { id: t.id, en: t.en ?? t.id } : { id: t.id };
  }

  private clauses(clauses: readonly Clause[]): Block[] {
    return clauses
      .filter((c) => this.applies(c.when))
      .flatMap((c) => (c.each ? this.each(c, c.each) : this.paragraph(c)));
  }

  private paragraph(c: Clause): Block[] {
    return [{ kind: 'paragraph', text: this.text(c) }];
  }

  private each(c: Clause, each: Each): Block[] {
    const label = (i: number) =>
      c.label === 'number' ? `${i + 1}.` : `${String.fromCharCode(97 + (i % 26))}.`;
    const item = (i: number, text: BiText): Block => ({ kind: 'item', label: label(i), text });
    const f = this.form;
    switch (each) {
      case 'parties':
        return f.parties.map((_, i) =>
          item(
            i,
            this.text(c, (lang) => this.partyVars(i, lang)),
          ),
        );
      case 'scope':
        return f.scope.map((s, i) =>
          item(
            i,
            this.text(c, (lang) => ({ item: this.pick(s, lang) })),
          ),
        );
      case 'fields':
        return f.fields.map((code, i) =>
          item(
            i,
            this.text(c, (lang) => ({ item: FIELD_NAMES[code][lang] })),
          ),
        );
      case 'contacts':
        return (f.contacts ?? []).map((contact, i) =>
          item(
            i,
            this.text(c, (lang) => ({
              ...this.partyVars(contact.party, lang),
              'contact.name': contact.name,
              'contact.position': contact.position,
              'contact.details': [contact.email, contact.phone]
                .filter(Boolean)
                .map((d) => `, ${d}`)
                .join(''),
            })),
          ),
        );
      case 'obligations':
        return (f.obligations ?? []).flatMap((o, i) => [
          item(
            i,
            this.text(c, (lang) => this.partyVars(o.party, lang)),
          ),
          ...o.items.map((text, j) => ({
            kind: 'item' as const,
            label: `${label(i)}${String.fromCharCode(97 + (j % 26))}.`,
            text: this.literal(text),
          })),
        ]);
    }
  }

  private titleBlocks(): Block[] {
    const f = this.form;
    const caps = (t: Text): BiText => {
      const b = this.literal(t);
      return b.en === undefined
        ? { id: b.id.toLocaleUpperCase('id') }
        : { id: b.id.toLocaleUpperCase('id'), en: b.en.toLocaleUpperCase('en') };
    };
    const between = f.parties.length > 2 ? this.partiesSentence(caps) : this.partiesStacked(caps);
    const numbers: Block[] = f.parties.map((p) => ({
      kind: 'center',
      text: this.literal({
        id: `NOMOR: ${p.documentNumber ?? BLANK}`,
        en: `NUMBER: ${p.documentNumber ?? BLANK}`,
      }),
    }));
    return [
      { kind: 'title', text: this.literal(this.template.heading) },
      { kind: 'center', text: this.literal({ id: 'ANTARA', en: 'BETWEEN' }) },
      ...between,
      { kind: 'center', text: this.literal({ id: 'TENTANG', en: 'ON' }) },
      { kind: 'title', text: caps(f.title) },
      { kind: 'spacer' },
      ...numbers,
      { kind: 'spacer' },
    ];
  }

  /** Two parties stacked as Indonesian agreements set them: A / DAN / B. */
  private partiesStacked(caps: (t: Text) => BiText): Block[] {
    const [first, second] = this.form.parties as [
      AgreementForm['parties'][number],
      AgreementForm['parties'][number],
    ];
    return [
      { kind: 'title', text: caps(first.name) },
      { kind: 'center', text: this.literal({ id: 'DAN', en: 'AND' }) },
      { kind: 'title', text: caps(second.name) },
    ];
  }

  /** Three or more parties as one sentence, "A, B, C, D DAN E": no comma on a line of its own. */
  private partiesSentence(caps: (t: Text) => BiText): Block[] {
    const names = this.form.parties.map((p) => caps(p.name));
    const text: BiText = {
      id: joinList(
        names.map((n) => n.id),
        'id',
        true,
      ),
    };
    if (this.langs.includes('en'))
      text.en = joinList(
        names.map((n) => n.en ?? n.id),
        'en',
        true,
      );
    return [{ kind: 'title', text }];
  }

  /**
   * The template's articles that apply, as the form negotiated them: rewritten (printed as written,
   * no placeholders filled), left out, or added after the template's own; numbered in that order.
   */
  private articles(): Block[] {
    const { articles: negotiated = [], removeArticles = [] } = this.form;
    const rewritten = new Map(negotiated.map((a) => [a.key, a]));
    const own = new Set(this.template.articles.map((a) => a.key));
    const shown = this.template.articles
      .filter((a) => this.applies(a.when) && !removeArticles.includes(a.key))
      .map((a) => {
        const n = rewritten.get(a.key);
        return n
          ? this.negotiated(n, a.heading)
          : { key: a.key, heading: a.heading, blocks: this.clauses(a.clauses) };
      });
    const added = negotiated.filter((a) => !own.has(a.key)).map((a) => this.negotiated(a));
    return [...shown, ...added].flatMap((a, i): Block[] => [
      { kind: 'spacer' },
      ...tag(a.key, [
        { kind: 'center', text: this.literal({ id: `Pasal ${i + 1}`, en: `Article ${i + 1}` }) },
        { kind: 'heading', text: this.literal(a.heading) },
        ...a.blocks,
      ]),
    ]);
  }

  private negotiated(a: NegotiatedArticle, templateHeading?: Text) {
    const heading = a.heading ?? templateHeading;
    // Drafting refuses a new article without a heading before composing it.
    if (!heading) throw new Error(`the new article "${a.key}" has no heading`);
    const blocks = a.clauses.map((c): Block => ({ kind: 'paragraph', text: this.literal(c) }));
    return { key: a.key, heading, blocks };
  }

  /**
   * A domestic PKS bears stamp duty (Law 10/2020 on Bea Meterai: agreements between parties); the
   * first party's block leaves the box where the meterai is affixed and signed across.
   */
  private signatures(): Block {
    const meterai = this.form.documentType === 'PKS' && this.conditions.has('domestic');
    return {
      kind: 'signatures',
      parties: this.form.parties.map((p, i) => ({
        for: this.text(this.template.signature.for, (lang) => this.partyVars(i, lang)),
        name: p.signatory.name,
        position: this.literal(p.signatory.position),
        ...(meterai && i === 0 ? { meterai } : {}),
      })),
    };
  }

  private parties(): PartyMark[] {
    return this.form.parties.map((p, i) => ({
      label: this.literal({ id: partyLabel(i, 'id'), en: partyLabel(i, 'en') }),
      name: this.literal(p.name),
    }));
  }

  /** The form's emblems, replaced by those the context brings (the region's profile) for the same party. */
  private emblems(): Emblem[] {
    const images = new Map<number, Image>();
    this.form.parties.forEach((p, i) => {
      if (p.emblem) images.set(i, { contentType: p.emblem.contentType, bytes: emblemBytes(p.emblem) });
    });
    for (const { party, image } of this.context.emblems ?? []) {
      if (!this.form.parties[party])
        throw new Error(`an emblem is given for party ${party}, which does not exist`);
      if (!IMAGE_TYPES.includes(image.contentType)) {
        throw new Error(`emblems must be PNG or JPEG, not ${image.contentType}`);
      }
      images.set(party, { contentType: image.contentType as Image['contentType'], bytes: image.bytes });
    }
    const emblems: Emblem[] = [...images.entries()]
      .sort(([a], [b]) => a - b)
      .map(([party, image]) => {
        const name = this.literal((this.form.parties[party] as AgreementForm['parties'][number]).name);
        const alt: BiText = { id: `Lambang ${name.id}` };
        if (name.en !== undefined) alt.en = `Emblem of ${name.en}`;
        return { party, image, alt };
      });
    return emblems;
  }

  compose(): DocumentModel {
    return {
      languages: this.langs,
      documentNumber: this.context.documentNumber,
      title: `${this.template.name.id} tentang ${this.form.title.id}`,
      templateId: this.template.id,
      templateVersion: this.template.version,
      parties: this.parties(),
      emblems: this.emblems(),
      ...(this.context.issuedAt ? { issuedAt: this.context.issuedAt } : {}),
      blocks: [
        ...tag('title', this.titleBlocks()),
        ...tag('opening', [...this.clauses(this.template.opening), { kind: 'spacer' }]),
        ...tag('recitals', this.clauses(this.template.recitals)),
        ...this.articles(),
        { kind: 'spacer' },
        ...tag('closing', this.clauses(this.template.closing)),
        { kind: 'spacer' },
        ...tag('signatures', [this.signatures()]),
      ],
    };
  }
}

const tag = (section: string, blocks: Block[]): Block[] => blocks.map((b) => ({ ...b, section }));

/** Fills a template with a validated form: the format-independent document both renderers draw. */
export function composeDocument(
  form: AgreementForm,
  template: Template,
  context: ComposeContext,
): DocumentModel {
  if (template.documentType !== form.documentType) {
    throw new Error(`template ${template.id} is for ${template.documentType}, not ${form.documentType}`);
  }
  return new Composer(form, template, context).compose();
}
