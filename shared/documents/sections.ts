import { SECTIONS } from './article-key.js';
import type { BiText, Block, DocumentModel, Language } from './model.js';

/** A part of a composed document: an article (by its key) or "opening", "recitals", … */
export interface Section {
  blocks: Block[];
  heading?: BiText;
}

/** The document's parts in order, by the section its blocks are tagged with. */
export function sectionsOf(doc: DocumentModel): Map<string, Section> {
  const out = new Map<string, Section>();
  for (const b of doc.blocks) {
    if (!b.section) continue;
    const entry = out.get(b.section) ?? { blocks: [] };
    entry.blocks.push(b);
    if (b.kind === 'heading') entry.heading = b.text;
    out.set(b.section, entry);
  }
  return out;
}

export const isArticle = (section: string) => !(SECTIONS as readonly string[]).includes(section);

function blockText(b: Block, lang: Language): string {
  if (b.kind === 'spacer') return '';
  if (b.kind === 'signatures')
    return b.parties.map((p) => [p.for[lang], p.name, p.position[lang]].join('\n')).join('\n');
  return b.kind === 'item' ? `${b.label} ${b.text[lang] ?? ''}` : (b.text[lang] ?? '');
}

/**
 * An article's text as printed, clause by clause (its number and heading left out): what a draft's
 * negotiated wording starts from. A listed item keeps its label ("a.", "1.").
 */
export function articleClauses(blocks: Block[], languages: readonly Language[]): BiText[] {
  return blocks
    .filter((b) => b.kind === 'paragraph' || b.kind === 'item')
    .map((b) => {
      const clause: BiText = { id: blockText(b, 'id') };
      if (languages.includes('en')) clause.en = blockText(b, 'en');
      return clause;
    });
}

/** A section's text in one language, without its article number (which moves when articles do). */
export const sectionText = (blocks: Block[], lang: Language) =>
  blocks
    .filter((b) => b.kind !== 'center' || !/^(Pasal|Article) \d+$/.test(b.text[lang] ?? ''))
    .map((b) => blockText(b, lang))
    .filter(Boolean)
    .join('\n');
