import { PdfDict, PdfLimitError, PdfName, PdfRef, PdfStream, PdfString, type PdfValue } from './objects.js';
import { pagesOf } from './pages.js';
import type { PdfFile, Revision } from './reader.js';

/**
 * What the incremental updates after a signature change, from the least to the most serious:
 * nothing; only signatures, document timestamps and validation data (DSS) — what a later signer
 * or an archive adds, including the metadata a signing tool updates; form fields filled in;
 * annotations added, changed or removed; page content or anything else (the pages named when known).
 */
export type ChangeKind = 'none' | 'signatures' | 'form-fields' | 'annotations' | 'content';

export interface ChangesAfter {
  kind: ChangeKind;
  /** The pages (from 1) whose content or annotations changed, when the change is on pages. */
  pages?: number[];
}

const SEVERITY: Record<ChangeKind, number> = {
  none: 0,
  signatures: 1,
  'form-fields': 2,
  annotations: 3,
  content: 4,
};

/** The part of the document an indirect object belongs to, found by walking the final revision. */
interface Mark {
  kind: Exclude<ChangeKind, 'none'>;
  pages: Set<number>;
}

/** Objects whose own entries are compared key by key rather than counted as a whole. */
type Special =
  | { role: 'catalog' }
  | { role: 'acroform' }
  | { role: 'page'; page: number }
  | { role: 'annots'; page: number };

interface Roles {
  marks: Map<number, Mark>;
  special: Map<number, Special>;
}

/** Catalog entries walked in their own right before the rest of the catalog. */
const WALKED_CATALOG_KEYS = new Set(['AcroForm', 'Pages', 'DSS', 'Metadata']);

const CATALOG_SIGNATURE_KEYS = new Set(['DSS', 'Perms', 'Extensions', 'Metadata', 'Version']);

/** Whether two values read from two revisions are the same, references compared as references. */
export function sameValue(a: PdfValue | undefined, b: PdfValue | undefined): boolean {
  if (a === b) return true;
  if (a instanceof PdfRef) return b instanceof PdfRef && a.num === b.num && a.gen === b.gen;
  if (a instanceof PdfName) return b instanceof PdfName && a.name === b.name;
  if (a instanceof PdfString) return b instanceof PdfString && Buffer.from(a.bytes).equals(b.bytes);
  if (Array.isArray(a))
    return Array.isArray(b) && a.length === b.length && a.every((v, i) => sameValue(v, b[i]));
  if (a instanceof PdfStream) {
    return b instanceof PdfStream && sameValue(a.dict, b.dict) && Buffer.from(a.data).equals(b.data);
  }
  if (a instanceof PdfDict) {
    if (!(b instanceof PdfDict) || a.entries.size !== b.entries.size) return false;
    for (const [k, v] of a.entries) if (!b.has(k) || !sameValue(v, b.get(k))) return false;
    return true;
  }
  return false;
}

const roleCache = new WeakMap<PdfFile, Roles>();

/** Is this annotation the widget of a signature field (its own /FT, or its parent field's)? */
function isSignatureWidget(revision: Revision, value: PdfValue | undefined): boolean {
  let dict = revision.dict(value);
  for (let i = 0; dict && i < 32; i++) {
    const type = revision.name(dict, 'FT');
    if (type) return type === 'Sig';
    dict = revision.dict(dict.get('Parent'));
  }
  return false;
}

/**
 * Marks every object reachable in the final revision with the part it belongs to. An object reached
 * again from another part is walked again only when that adds a page or a more serious kind, so a
 * font shared by every page is marked once per page and no more.
 */
function rolesOf(file: PdfFile): Roles {
  const cached = roleCache.get(file);
  if (cached) return cached;
  const revision = file.final;
  const marks = new Map<number, Mark>();
  const special = new Map<number, Special>();
  let visits = 0;
  const pages = revision.catalog ? pagesOf(revision) : [];
  // A page reached from elsewhere (a structure element's /Pg, a destination) is walked as a page, below.
  const pageNums = new Set(pages.map((p) => p.num));
  const walk = (start: PdfValue | undefined, kind: Mark['kind'], page?: number) => {
    const stack: (PdfValue | undefined)[] = [start];
    while (stack.length) {
      const v = stack.pop();
      if (v instanceof PdfRef) {
        if (pageNums.has(v.num)) continue;
        const mark = marks.get(v.num);
        const adds =
          !mark || SEVERITY[kind] > SEVERITY[mark.kind] || (page !== undefined && !mark.pages.has(page));
        if (!adds) continue;
        if (++visits > revision.file.budget.limits.objects * 4) {
          throw new PdfLimitError('the PDF shares its objects in too many ways to compare its revisions');
        }
        if (mark) {
          if (SEVERITY[kind] > SEVERITY[mark.kind]) mark.kind = kind;
          if (page !== undefined) mark.pages.add(page);
        } else marks.set(v.num, { kind, pages: new Set(page === undefined ? [] : [page]) });
        stack.push(revision.object(v.num));
      } else if (Array.isArray(v)) stack.push(...v);
      else if (v instanceof PdfDict || v instanceof PdfStream) {
        const dict = v instanceof PdfStream ? v.dict : v;
        // Back links lead to parents that are walked in their own right.
        for (const [key, child] of dict.entries) if (key !== 'Parent' && key !== 'P') stack.push(child);
      }
    }
  };
  const trailer = revision.trailer;
  const catalogRef = trailer.get('Root');
  if (catalogRef instanceof PdfRef) special.set(catalogRef.num, { role: 'catalog' });
  walk(trailer.get('Info'), 'signatures');
  const catalog = revision.catalog;
  if (catalog) {
    walk(catalog.get('DSS'), 'signatures');
    walk(catalog.get('Metadata'), 'signatures');
    const acroFormRef = catalog.get('AcroForm');
    if (acroFormRef instanceof PdfRef) special.set(acroFormRef.num, { role: 'acroform' });
    const acroForm = revision.dict(acroFormRef);
    const fields: PdfValue[] = [...(revision.array(acroForm?.get('Fields')) ?? [])];
    const seenFields = new Set<number>();
    while (fields.length) {
      const field = fields.pop() as PdfValue;
      if (field instanceof PdfRef) {
        if (seenFields.has(field.num)) continue;
        seenFields.add(field.num);
      }
      const dict = revision.dict(field);
      if (!dict) continue;
      const kids = revision.array(dict.get('Kids')) ?? [];
      fields.push(...kids);
      walk(field, isSignatureWidget(revision, field) ? 'signatures' : 'form-fields');
    }
    walk(acroForm?.get('DR'), 'form-fields');
    pages.forEach(({ num, dict }, i) => {
      const page = i + 1;
      if (num) special.set(num, { role: 'page', page });
      const annots = dict.get('Annots');
      if (annots instanceof PdfRef) special.set(annots.num, { role: 'annots', page });
      for (const annotation of revision.array(annots) ?? []) {
        walk(annotation, isSignatureWidget(revision, annotation) ? 'signatures' : 'annotations', page);
      }
      for (const [key, value] of dict.entries) {
        if (key !== 'Annots' && key !== 'Parent') walk(value, 'content', page);
      }
    });
    // The page tree's own nodes: a page added, removed or moved changes the content.
    const nodes: PdfValue[] = [catalog.get('Pages') ?? null];
    const seenNodes = new Set<number>();
    while (nodes.length) {
      const node = nodes.pop();
      if (!(node instanceof PdfRef) || seenNodes.has(node.num)) continue;
      seenNodes.add(node.num);
      const dict = revision.dict(node);
      if (revision.name(dict, 'Type') !== 'Pages') continue;
      if (!marks.has(node.num)) marks.set(node.num, { kind: 'content', pages: new Set() });
      nodes.push(...(revision.array(dict?.get('Kids')) ?? []));
    }
    // Everything else the catalog leads to (outlines, names, structure) counts as content.
    for (const [key, value] of catalog.entries) {
      if (!WALKED_CATALOG_KEYS.has(key)) walk(value, 'content');
    }
  }
  const roles = { marks, special };
  roleCache.set(file, roles);
  return roles;
}

class Changes {
  private kind: ChangeKind = 'none';
  private readonly pages = new Set<number>();

  add(kind: ChangeKind, pages: Iterable<number> = []): void {
    if (SEVERITY[kind] > SEVERITY[this.kind]) this.kind = kind;
    if (kind === 'annotations' || kind === 'content') for (const p of pages) this.pages.add(p);
  }

  result(): ChangesAfter {
    const pages = [...this.pages].sort((a, b) => a - b);
    return pages.length && (this.kind === 'annotations' || this.kind === 'content')
      ? { kind: this.kind, pages }
      : { kind: this.kind };
  }
}

/** Entries of an /Annots or /Fields array that one revision has and the other lacks. */
function arrayDifference(before: PdfValue[] | undefined, after: PdfValue[] | undefined): PdfValue[] {
  const a = before ?? [];
  const b = after ?? [];
  const missing = (from: PdfValue[], other: PdfValue[]) =>
    from.filter((x) => !other.some((y) => sameValue(x, y)));
  return [...missing(a, b), ...missing(b, a)];
}

function compareSpecial(
  special: Special,
  old: PdfValue,
  now: PdfValue,
  before: Revision,
  after: Revision,
  changes: Changes,
): void {
  const oldDict = old instanceof PdfDict ? old : new PdfDict();
  const newDict = now instanceof PdfDict ? now : new PdfDict();
  const keys = new Set([...oldDict.entries.keys(), ...newDict.entries.keys()]);
  const changed = [...keys].filter((k) => !sameValue(oldDict.get(k), newDict.get(k)));
  // A widget added to or removed from a list counts as a signature when it is a signature field's.
  const listed = (a: PdfValue | undefined, b: PdfValue | undefined, kind: ChangeKind, pages: number[]) => {
    for (const item of arrayDifference(before.array(a), after.array(b))) {
      const signature = isSignatureWidget(after, item) || isSignatureWidget(before, item);
      changes.add(signature ? 'signatures' : kind, pages);
    }
  };
  if (special.role === 'annots') {
    listed(old ?? undefined, now ?? undefined, 'annotations', [special.page]);
    return;
  }
  for (const key of changed) {
    if (special.role === 'catalog') {
      if (CATALOG_SIGNATURE_KEYS.has(key)) changes.add('signatures');
      else if (key === 'AcroForm')
        compareAcroForm(before.dict(oldDict.get(key)), after.dict(newDict.get(key)));
      else changes.add('content');
    } else if (special.role === 'acroform') {
      if (key === 'Fields') listed(oldDict.get(key), newDict.get(key), 'form-fields', []);
      else if (key === 'SigFlags') changes.add('signatures');
      else if (key === 'XFA') changes.add('content');
      else changes.add('form-fields');
    } else {
      if (key === 'Annots') listed(oldDict.get(key), newDict.get(key), 'annotations', [special.page]);
      else changes.add('content', [special.page]);
    }
  }
  function compareAcroForm(a: PdfDict | undefined, b: PdfDict | undefined) {
    compareSpecial({ role: 'acroform' }, a ?? null, b ?? null, before, after, changes);
  }
}

/**
 * What the updates appended after `signedLength` bytes change, compared object by object with the
 * revision the signature covers: each object an update redefines is judged by the part of the
 * final document it belongs to (a page's content, an annotation, a form field, a signature); the
 * catalog, the form, pages and annotation lists by which of their entries changed.
 */
export function changesAfter(file: PdfFile, signedLength: number): ChangesAfter {
  const changes = new Changes();
  const later = file.sections.filter((s) => s.offset >= signedLength);
  const touched = new Set<number>();
  for (const section of later) for (const num of section.entries.keys()) touched.add(num);
  if (file.rebuilt) {
    for (const num of file.final.entries.keys()) {
      if ((file.final.location(num) ?? -1) >= signedLength) touched.add(num);
    }
  }
  if (!touched.size) {
    const rest = file.bytes.subarray(signedLength);
    const blank = rest.every((c) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x00);
    return blank ? { kind: 'none' } : { kind: 'content' };
  }
  const before = file.rebuilt ? undefined : file.revision(signedLength);
  const after = file.final;
  const { marks, special } = rolesOf(file);
  for (const num of touched) {
    const old = before ? before.object(num) : null;
    const now = after.object(num);
    if (before && sameValue(old, now)) continue;
    const role = special.get(num);
    if (role) compareSpecial(role, old, now, before ?? file.revision(-1), after, changes);
    else {
      const mark = marks.get(num);
      if (mark) changes.add(mark.kind, mark.pages);
    }
  }
  return changes.result();
}
