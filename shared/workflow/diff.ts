import { type Change, diffWords } from 'diff';
import * as z from 'zod';
import type { AgreementVersion } from '../agreement/agreement.js';
import { mustSee } from '../agreement/queries.js';
import { composeDocument } from '../documents/compose.js';
import type { Language } from '../documents/model.js';
import type { Deviation } from '../documents/negotiation.js';
import { articleClauses, isArticle, sectionsOf, sectionText } from '../documents/sections.js';
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
  /** How the newer version's article departs from its template: negotiated wording. */
  deviation?: Deviation['kind'];
  /** An article of the newer version: its text as printed, clause by clause (what the article editor edits). */
  clauses?: { id: string; en?: string }[];
  /** An article the newer version's template lets a draft leave out. */
  optional?: true;
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
    deviations: { from: a.deviations ?? [], to: b.deviations ?? [] },
    sections: flagDeviations(diffVersions({ ...a, template: ta }, { ...b, template: tb }), b.deviations),
  };
}

/** Flags each section whose article the newer version negotiated away from its template. */
function flagDeviations(sections: SectionDiff[], deviations: Deviation[] = []): SectionDiff[] {
  const kinds = new Map(deviations.map((d) => [d.key, d.kind]));
  return sections.map((s) => {
    const deviation = kinds.get(s.section);
    return deviation ? { ...s, deviation } : s;
  });
}

type Composable = Pick<AgreementVersion, 'form'> & { template: Template };

/** An article-by-article comparison of two versions, each with its template, in the order of the newer one. */
export function diffVersions(from: Composable, to: Composable): SectionDiff[] {
  const documentOf = (v: Composable) => composeDocument(v.form, v.template, { documentNumber: '' });
  const before = sectionsOf(documentOf(from));
  const after = sectionsOf(documentOf(to));
  const languages: Language[] =
    to.form.languages.includes('en') || from.form.languages.includes('en') ? ['id', 'en'] : ['id'];
  const result: SectionDiff[] = [];
  const optional = new Set(to.template.articles.filter((a) => a.optional).map((a) => a.key));
  for (const [section, now] of after) {
    const was = before.get(section);
    const heading = {
      ...(now.heading ? { heading: now.heading } : {}),
      ...(isArticle(section) ? { clauses: articleClauses(now.blocks, to.form.languages) } : {}),
      ...(optional.has(section) ? { optional: true as const } : {}),
    };
    if (!was) {
      result.push({ section, ...heading, status: 'added' });
      continue;
    }
    const changes: Partial<Record<Language, Change[]>> = {};
    for (const lang of languages) {
      const a = sectionText(was.blocks, lang);
      const b = sectionText(now.blocks, lang);
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
