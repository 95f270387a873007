import { type Bilingual, formatPath } from '../form/messages.js';

/** Where a problem is: the article (its key) or other part, the clause (from 1), the file's line (from 1). */
export interface TemplateProblem {
  /** A part other than an article: name, heading, opening, recitals, closing, signature, file. */
  section?: string;
  /** The article's key, or "#3" when the third article has no key to name it by. */
  article?: string;
  clause?: number;
  line?: number;
  /** The field, e.g. `articles[3].clauses[1].en`. */
  path?: string;
  message: Bilingual;
}

export type Path = readonly (string | number)[];
/** The line where `path` is written, or where the nearest part of it that exists is. */
export type Locate = (path: Path) => number | undefined;

/** The article, section and clause a path in the template is about. */
export function whereIs(template: unknown, path: Path): Omit<TemplateProblem, 'message' | 'line'> {
  const [top, index, inner, clause] = path;
  const where: Omit<TemplateProblem, 'message' | 'line'> = path.length ? { path: formatPath(path) } : {};
  if (top === 'articles' && typeof index === 'number') {
    const articles = (template as { articles?: unknown } | undefined)?.articles;
    const key = Array.isArray(articles) ? (articles[index] as { key?: unknown } | undefined)?.key : undefined;
    where.article = typeof key === 'string' && key ? key : `#${index + 1}`;
    if (inner === 'clauses' && typeof clause === 'number') where.clause = clause + 1;
    return where;
  }
  // A problem of the article list as a whole (one missing) names the article it is about.
  if (typeof top === 'string' && top !== 'articles') where.section = top;
  if (typeof index === 'number') where.clause = index + 1;
  return where;
}
