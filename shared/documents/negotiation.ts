import { type Issue, ValidationError } from '../errors.js';
import type { AgreementForm } from '../form/agreement-form.js';
import { say } from '../form/messages.js';
import { applies, type ComposeContext, composeDocument, conditionsOf } from './compose.js';
import { isArticle, sectionsOf, sectionText } from './sections.js';
import type { Article, Template } from './template.js';

/** How a version's wording departs from its template version, article by article. */
export interface Deviation {
  key: string;
  kind: 'changed' | 'added' | 'removed';
}

/** Conditions of a draft besides its form: whether it follows a parent document. */
type Context = Pick<ComposeContext, 'parent'>;

const named = (a: Article, lang: 'id' | 'en') =>
  `"${a.key}" (${lang === 'id' ? a.heading.id : (a.heading.en ?? a.heading.id)})`;

/**
 * Checks the form's negotiated wording against the template it is drafted with: only optional
 * articles may be left out, a rewritten or removed article must be one this document shows, and a
 * new article needs a heading. A 400 naming each problem by its path.
 */
export function checkNegotiated(form: AgreementForm, template: Template, context: Context): void {
  const holding = conditionsOf(form, context);
  const byKey = new Map(template.articles.map((a) => [a.key, a]));
  const which = {
    id: `templat ${template.documentType} versi ${template.version}`,
    en: `the ${template.documentType} template (version ${template.version})`,
  };
  const optional = template.articles.filter((a) => a.optional).map((a) => a.key);
  const notShown = (a: Article) =>
    say(
      `pasal ${named(a, 'id')} tidak muncul dalam dokumen ini (hanya bila: ${a.when?.join(', ')})`,
      `the article ${named(a, 'en')} does not appear in this document (only when: ${a.when?.join(', ')})`,
    );
  const issues: Issue[] = [];
  form.removeArticles?.forEach((key, i) => {
    const path = `removeArticles[${i}]`;
    const article = byKey.get(key);
    if (!article) {
      issues.push({
        path,
        message: say(
          `${which.id} tidak memiliki pasal "${key}"; yang dapat dihapus: ${optional.join(', ') || 'tidak ada'}`,
          `${which.en} has no article "${key}"; it may leave out: ${optional.join(', ') || 'none'}`,
        ),
      });
    } else if (!article.optional) {
      issues.push({
        path,
        message: say(
          `pasal ${named(article, 'id')} wajib ada dalam ${which.id}: tidak dapat dihapus`,
          `the article ${named(article, 'en')} is required in ${which.en}: it cannot be removed`,
        ),
      });
    } else if (!applies(article.when, holding)) {
      issues.push({ path, message: notShown(article) });
    }
  });
  form.articles?.forEach((a, i) => {
    const article = byKey.get(a.key);
    if (article && !applies(article.when, holding))
      issues.push({ path: `articles[${i}].key`, message: notShown(article) });
    if (!article && !a.heading) {
      issues.push({
        path: `articles[${i}].heading`,
        message: say(
          `wajib diisi: "${a.key}" adalah pasal baru, tidak ada dalam ${which.id}`,
          `is required: "${a.key}" is a new article, not one of ${which.en}`,
        ),
      });
    }
  });
  if (issues.length) throw new ValidationError(issues);
}

/**
 * The articles whose text differs from what the template alone gives this form: rewritten ones
 * (`changed`, unless written exactly as the template has them), new ones, and those left out.
 */
export function deviationsOf(form: AgreementForm, template: Template, context: Context): Deviation[] {
  if (!form.articles?.length && !form.removeArticles?.length) return [];
  const { articles: _articles, removeArticles: _removed, ...plain } = form;
  const texts = (f: AgreementForm) => {
    const out = new Map<string, string>();
    for (const [key, { blocks }] of sectionsOf(
      composeDocument(f, template, { documentNumber: '', ...context }),
    ))
      if (isArticle(key)) out.set(key, `${sectionText(blocks, 'id')}\n${sectionText(blocks, 'en')}`);
    return out;
  };
  const before = texts(plain);
  const after = texts(form);
  const deviations: Deviation[] = [];
  for (const [key, text] of after) {
    const was = before.get(key);
    if (was === undefined) deviations.push({ key, kind: 'added' });
    else if (was !== text) deviations.push({ key, kind: 'changed' });
  }
  for (const key of before.keys()) if (!after.has(key)) deviations.push({ key, kind: 'removed' });
  return deviations;
}

/** The articles a version may have, by key: its template's, less those it leaves out, and those it adds. */
export function articleKeysOf(form: AgreementForm, template: Template): string[] {
  const kept = template.articles.map((a) => a.key).filter((k) => !form.removeArticles?.includes(k));
  const added = (form.articles ?? [])
    .map((a) => a.key)
    .filter((k) => !template.articles.some((a) => a.key === k));
  return [...kept, ...added];
}
