import { type Change, diffArrays, diffWords } from 'diff';
import type { Clause, TemplateFile } from '../documents/template.js';

type Text = { id: string; en?: string };

/** What changed in one clause (or text): word by word per language, and its conditions. */
export type TextChanges = Partial<Record<'id' | 'en' | 'conditions', Change[]>>;

export interface ClauseDiff {
  status: 'added' | 'removed' | 'changed';
  /** Its number (from 1) in the active version, and in the candidate. */
  before?: number;
  after?: number;
  /** The whole text of an added or removed clause; the word changes of a changed one. */
  text?: Text;
  changes?: TextChanges;
}

/** One part of the template (an article, the opening…) that differs; unchanged parts are left out. */
export interface PartDiff {
  /** name, heading, opening, recitals, closing, signature; or absent for an article. */
  section?: string;
  article?: string;
  /** The article's heading in the candidate (in the active version for a removed one). */
  heading?: Text;
  status: 'added' | 'removed' | 'changed';
  /** The article now stands elsewhere among the articles both versions have. */
  moved?: boolean;
  /** Heading, `when` or `optional` of the article, or a text part itself. */
  changes?: TextChanges;
  clauses?: ClauseDiff[];
}

const conditions = (c: { when?: readonly string[]; each?: string; label?: string; optional?: boolean }) =>
  [
    ...(c.when ?? []),
    ...(c.each ? [`each ${c.each} (${c.label})`] : []),
    ...(c.optional ? ['optional'] : []),
  ].join(', ');

/** Word changes of two texts and their conditions; empty when they are the same. */
function textChanges(a: Text & Parameters<typeof conditions>[0], b: typeof a): TextChanges {
  const out: TextChanges = {};
  const pairs: [keyof TextChanges, string, string][] = [
    ['id', a.id, b.id],
    ['en', a.en ?? '', b.en ?? ''],
    ['conditions', conditions(a), conditions(b)],
  ];
  for (const [field, x, y] of pairs) if (x !== y) out[field] = diffWords(x, y);
  return out;
}

const same = (c: TextChanges) => Object.keys(c).length === 0;
const textOf = (c: Clause): Text => (c.en === undefined ? { id: c.id } : { id: c.id, en: c.en });

/**
 * Clause by clause: the lists are aligned on identical clauses; what lies between two aligned
 * clauses is paired in order as changed clauses, and the rest is added or removed.
 */
export function diffClauses(before: readonly Clause[], after: readonly Clause[]): ClauseDiff[] {
  const key = (c: Clause) => JSON.stringify([c.id, c.en, c.when, c.each, c.label]);
  const out: ClauseDiff[] = [];
  let i = 0;
  let j = 0;
  let removed: number[] = [];
  let added: number[] = [];
  const flush = () => {
    const paired = Math.min(removed.length, added.length);
    for (let k = 0; k < paired; k++) {
      const [x, y] = [removed[k] as number, added[k] as number];
      out.push({
        status: 'changed',
        before: x + 1,
        after: y + 1,
        changes: textChanges(before[x] as Clause, after[y] as Clause),
      });
    }
    for (const x of removed.slice(paired))
      out.push({ status: 'removed', before: x + 1, text: textOf(before[x] as Clause) });
    for (const y of added.slice(paired))
      out.push({ status: 'added', after: y + 1, text: textOf(after[y] as Clause) });
    removed = [];
    added = [];
  };
  for (const part of diffArrays(before.map(key), after.map(key))) {
    const n = part.count ?? part.value.length;
    if (part.removed) for (let k = 0; k < n; k++) removed.push(i++);
    else if (part.added) for (let k = 0; k < n; k++) added.push(j++);
    else {
      flush();
      i += n;
      j += n;
    }
  }
  flush();
  return out;
}

/** What a candidate changes against the version in force: the parts and articles that differ. */
export function diffTemplates(before: TemplateFile, after: TemplateFile): PartDiff[] {
  const out: PartDiff[] = [];
  for (const section of ['name', 'heading'] as const) {
    const changes = textChanges(before[section], after[section]);
    if (!same(changes)) out.push({ section, status: 'changed', changes });
  }
  for (const section of ['opening', 'recitals'] as const) {
    const clauses = diffClauses(before[section], after[section]);
    if (clauses.length) out.push({ section, status: 'changed', clauses });
  }
  const keysBefore = before.articles.map((a) => a.key);
  const keysAfter = after.articles.map((a) => a.key);
  const common = keysAfter.filter((k) => keysBefore.includes(k));
  const commonBefore = keysBefore.filter((k) => keysAfter.includes(k));
  for (const article of after.articles) {
    const was = before.articles.find((a) => a.key === article.key);
    if (!was) {
      out.push({
        article: article.key,
        heading: article.heading,
        status: 'added',
        clauses: diffClauses([], article.clauses),
      });
      continue;
    }
    const changes = textChanges(
      { ...was.heading, when: was.when, optional: was.optional },
      { ...article.heading, when: article.when, optional: article.optional },
    );
    const clauses = diffClauses(was.clauses, article.clauses);
    const moved = common.indexOf(article.key) !== commonBefore.indexOf(article.key);
    if (same(changes) && !clauses.length && !moved) continue;
    out.push({
      article: article.key,
      heading: article.heading,
      status: 'changed',
      ...(moved ? { moved } : {}),
      ...(same(changes) ? {} : { changes }),
      ...(clauses.length ? { clauses } : {}),
    });
  }
  for (const was of before.articles) {
    if (!keysAfter.includes(was.key)) out.push({ article: was.key, heading: was.heading, status: 'removed' });
  }
  const closing = diffClauses(before.closing, after.closing);
  if (closing.length) out.push({ section: 'closing', status: 'changed', clauses: closing });
  const signature = textChanges(before.signature.for, after.signature.for);
  if (!same(signature)) out.push({ section: 'signature', status: 'changed', changes: signature });
  return out;
}

/** How many parts and articles the candidate adds, removes and changes. */
export function countChanges(diff: readonly PartDiff[]) {
  const count = (status: PartDiff['status']) => diff.filter((d) => d.status === status).length;
  return { added: count('added'), removed: count('removed'), changed: count('changed') };
}
