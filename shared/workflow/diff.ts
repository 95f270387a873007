import { type Change, diffWords } from 'diff';
import * as z from 'zod';
import type { AgreementVersion } from '../agreement/agreement.js';
import { mustSee } from '../agreement/queries.js';
import { composeDocument } from '../documents/compose.js';
import type { Block, DocumentModel, Language } from '../documents/model.js';
import type { Template } from '../documents/template.js';
import { NotFoundError } from '../errors.js';
import { parse } from '../form/parse.js';
import type { Identity } from '../identity/identity.js';
import type { Agreements } from '../ports/agreements.js';
import type { TemplateCatalog } from '../ports/templates.js';

const diffQuerySchema = z.object({
  from: z.coerce.number().int().min(1),
  to: z.coerce.number().int().min(1),
});

export interface SectionDiff {
  /** "opening", "recitals", an article key ("scope"), "closing", "signatures". */
  section: string;
  /** The article heading in the newer version (or the older one for a removed article). */
  heading?: { id: string; en?: string };
  status: 'added' | 'removed' | 'changed' | 'unchanged';
  /** Word-level changes per language, for changed sections. */
  changes?: Partial<Record<Language, Change[]>>;
}

function blockText(b: Block, lang: Language): string {
  if (b.kind === 'spacer') return '';
  if (b.kind === 'signatures')
    return b.parties.map((p) => [p.for[lang], p.name, p.position[lang]].join('\n')).join('\n');
  return b.kind === 'item' ? `${b.label} ${b.text[lang] ?? ''}` : (b.text[lang] ?? '');
}

function sections(
  doc: DocumentModel,
): Map<string, { blocks: Block[]; heading?: { id: string; en?: string } }> {
  const out = new Map<string, { blocks: Block[]; heading?: { id: string; en?: string } }>();
  for (const b of doc.blocks) {
    if (!b.section) continue;
    const entry = out.get(b.section) ?? { blocks: [] };
    entry.blocks.push(b);
    if (b.kind === 'heading') entry.heading = b.text;
    out.set(b.section, entry);
  }
  return out;
}

/** GET …/diff?from=&to=: what changed between two versions, article by article. */
export async function compareVersions(
  deps: { agreements: Agreements; templates: TemplateCatalog },
  id: string,
  user: Identity,
  query: unknown,
) {
  await mustSee(deps.agreements, id, user);
  const { from, to } = parse(diffQuerySchema, query);
  const [a, b] = await Promise.all([
    deps.agreements.getVersion(id, from),
    deps.agreements.getVersion(id, to),
  ]);
  if (!a || !b) throw new NotFoundError(`Version ${!a ? from : to} of agreement ${id}`);
  // Each version is composed with the template version it was drafted with, so a revision moved to
  // a newer template shows what the template changed.
  const [ta, tb] = await Promise.all([
    deps.templates.version(a.form.documentType, a.templateVersion),
    deps.templates.version(b.form.documentType, b.templateVersion),
  ]);
  return {
    id,
    from,
    to,
    templateVersions: { from: a.templateVersion, to: b.templateVersion },
    sections: diffVersions({ ...a, template: ta }, { ...b, template: tb }),
  };
}

type Composable = Pick<AgreementVersion, 'form'> & { template: Template };

/** An article-by-article comparison of two versions, each with its template, in the order of the newer one. */
export function diffVersions(from: Composable, to: Composable): SectionDiff[] {
  const documentOf = (v: Composable) => composeDocument(v.form, v.template, { documentNumber: '' });
  const before = sections(documentOf(from));
  const after = sections(documentOf(to));
  const languages: Language[] =
    to.form.languages.includes('en') || from.form.languages.includes('en') ? ['id', 'en'] : ['id'];
  const text = (blocks: Block[], lang: Language) =>
    blocks
      .filter((b) => b.kind !== 'center' || !/^(Pasal|Article) \d+$/.test(b.text[lang] ?? ''))
      .map((b) => blockText(b, lang))
      .filter(Boolean)
      .join('\n');
  const result: SectionDiff[] = [];
  for (const [section, now] of after) {
    const was = before.get(section);
    const heading = now.heading ? { heading: now.heading } : {};
    if (!was) {
      result.push({ section, ...heading, status: 'added' });
      continue;
    }
    const changes: Partial<Record<Language, Change[]>> = {};
    for (const lang of languages) {
      const a = text(was.blocks, lang);
      const b = text(now.blocks, lang);
      if (a !== b) changes[lang] = diffWords(a, b);
    }
    result.push(
      Object.keys(changes).length
        ? { section, ...heading, status: 'changed', changes }
        : { section, ...heading, status: 'unchanged' },
    );
  }
  for (const [section, was] of before) {
    if (!after.has(section))
      result.push({ section, ...(was.heading ? { heading: was.heading } : {}), status: 'removed' });
  }
  return result;
}
