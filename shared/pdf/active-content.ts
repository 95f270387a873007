import { dictOf, PdfDict, PdfLimitError, PdfRef, PdfStream, PdfString, type PdfValue } from './objects.js';
import { pagesOf } from './pages.js';
import { decodeStream, type PdfFile, type Revision } from './reader.js';

/** What the inspection refuses; each kind has its own reason for the uploader. */
export type ActiveKind =
  | 'javascript'
  | 'launch'
  | 'submit-form'
  | 'import-data'
  | 'remote-file'
  | 'link-scheme'
  | 'media'
  | 'embedded-file'
  | 'xfa'
  | 'unknown-action';

export interface ActiveContent {
  kind: ActiveKind;
  /** For the uploader, e.g. "the PDF runs JavaScript when it is opened". */
  reason: string;
}

/**
 * Actions a signed agreement may keep: moving inside the document, showing or hiding parts of it.
 * Everything else runs code, opens or sends files, plays media, or is unknown, and is refused.
 */
const HARMLESS_ACTIONS = new Set([
  'GoTo',
  'GoToDp',
  'Thread',
  'Named',
  'SetOCGState',
  'Trans',
  'Hide',
  'ResetForm',
]);
const MEDIA_ACTIONS = new Set(['Rendition', 'Sound', 'Movie', 'RichMediaExecute', 'GoTo3DView']);
const MEDIA_ANNOTATIONS = new Set(['RichMedia', 'Screen', 'Movie', 'Sound', '3D']);
/** Plain web and mail links are fine; `javascript:`, `file:`, `data:` and the rest are not. */
const LINK_SCHEMES = new Set(['https', 'http', 'mailto']);

/** Actions that betray themselves wherever they are found, even in an object nothing refers to. */
const ALWAYS_ACTIONS = new Set([
  'JavaScript',
  'Launch',
  'SubmitForm',
  'ImportData',
  'GoToR',
  'GoToE',
  'URI',
  ...MEDIA_ACTIONS,
]);

/**
 * Keys not followed while a part of the document is checked: links back up a tree, and trees the
 * check walks itself (pages with their numbers, fields with their names). Every object is still
 * checked by the sweep at the end, so nothing escapes by being skipped.
 */
const NOT_FOLLOWED = new Set(['Parent', 'Kids']);

/** Keys whose value is an action (or a list of actions), and the dictionary of event actions. */
const ACTION_KEYS = new Set(['A', 'OpenAction', 'Next']);

const ANNOTATION_NAMES: Record<string, string> = {
  Link: 'a link',
  Widget: 'a form field',
  FileAttachment: 'a file attachment',
  Screen: 'a media player',
  RichMedia: 'a media player',
};

/** A file or address named in the PDF, shortened and without control characters, for a reason. */
function shown(text: string): string {
  const clean = [...text].filter((ch) => ch >= ' ' && ch !== '\u007f').join('');
  return clean.length > 80 ? `${clean.slice(0, 77)}…` : clean;
}

interface Item {
  value: PdfValue | undefined;
  where: string;
  /** An action is expected here (`/A`, `/Next`), or a dictionary of event actions (`/AA`). */
  role?: 'action' | 'events';
}

class Scan {
  private readonly visited = new Set<number>();
  private readonly stack: Item[] = [];
  found?: ActiveContent;

  constructor(
    private readonly revision: Revision,
    /** The agreement's data files (their specifications and streams): data, checked already. */
    private readonly data: ReadonlySet<PdfValue> = new Set(),
  ) {}

  private text(value: PdfValue | undefined): string | undefined {
    const v = this.revision.resolve(value);
    return v instanceof PdfString ? v.text() : undefined;
  }

  /** The file a file specification (a string or a dictionary) names. */
  private fileName(value: PdfValue | undefined): string | undefined {
    const direct = this.text(value);
    if (direct !== undefined) return shown(direct);
    const spec = this.revision.dict(value);
    if (!spec) return undefined;
    const name = this.text(spec.get('UF')) ?? this.text(spec.get('F')) ?? this.text(spec.get('URL'));
    return name === undefined ? undefined : shown(name);
  }

  private refuse(kind: ActiveKind, reason: string): void {
    this.found ??= { kind, reason };
  }

  /** Marks an object as checked elsewhere (pages: with their number). */
  claim(num: number): void {
    this.visited.add(num);
  }

  /** Checks a value and everything it leads to, depth first, with the stack on the heap. */
  check(value: PdfValue | undefined, where: string, role?: Item['role']): void {
    this.stack.push({ value, where, role });
    while (this.stack.length && !this.found) {
      const item = this.stack.pop() as Item;
      const { value: v, where: at, role: r } = item;
      if (v instanceof PdfRef) {
        if (this.visited.has(v.num)) continue;
        this.visited.add(v.num);
        this.stack.push({ ...item, value: this.revision.object(v.num) });
      } else if (Array.isArray(v)) {
        for (let i = v.length - 1; i >= 0; i--) this.stack.push({ ...item, value: v[i] });
      } else if (v !== undefined && this.data.has(v)) {
      } else {
        const dict = dictOf(v);
        if (!dict) continue;
        this.inspect(dict, at, r === 'action');
        const children: Item[] = [];
        for (const [key, child] of dict.entries) {
          // Numbers, names and strings lead nowhere: only containers and references are followed.
          if (NOT_FOLLOWED.has(key) || child === null || typeof child !== 'object') continue;
          const role =
            r === 'events' || ACTION_KEYS.has(key) ? 'action' : key === 'AA' ? 'events' : undefined;
          children.push({ value: child, where: at, role });
        }
        for (let i = children.length - 1; i >= 0; i--) this.stack.push(children[i] as Item);
      }
    }
  }

  /** One dictionary on its own: is it an action, an annotation, a file, a form, a name tree? */
  private inspect(dict: PdfDict, where: string, expectAction: boolean): void {
    // /S also names border styles, transitions and structure types: an action only where one is expected.
    const action = this.revision.name(dict, 'S');
    if (
      action !== undefined &&
      (expectAction || this.revision.name(dict, 'Type') === 'Action' || ALWAYS_ACTIONS.has(action))
    ) {
      this.action(action, dict, where);
    }
    if (dict.has('JS')) this.refuse('javascript', `the PDF runs JavaScript ${where}`);
    const subtype = this.revision.name(dict, 'Subtype');
    if (subtype === 'FileAttachment') {
      const name = this.fileName(dict.get('FS'));
      this.refuse('embedded-file', `the PDF carries an attached file${name ? ` (${name})` : ''} ${where}`);
    }
    if (subtype && MEDIA_ANNOTATIONS.has(subtype) && dict.has('Rect')) {
      this.refuse('media', `the PDF plays embedded media or 3D content (${subtype}) ${where}`);
    }
    if (this.revision.name(dict, 'Type') === 'EmbeddedFile')
      this.refuse('embedded-file', `the PDF carries an embedded file ${where}`);
    if (dict.has('EF')) {
      const name = this.fileName(dict);
      this.refuse('embedded-file', `the PDF carries an embedded file${name ? ` (${name})` : ''}`);
    }
    if (dict.has('XFA')) this.refuse('xfa', 'the PDF contains an XFA form, which can run scripts');
    // The /Names dictionary of the catalog: document-level scripts and embedded files.
    if (dict.has('JavaScript')) {
      this.refuse('javascript', 'the PDF runs JavaScript when it is opened (document-level scripts)');
    }
    if (dict.has('EmbeddedFiles')) {
      const other = this.tree(dict.get('EmbeddedFiles')).find(
        ([, spec]) => !this.data.has(this.revision.resolve(spec) ?? null),
      );
      if (other) {
        const name = other[0] || this.fileName(other[1]);
        this.refuse('embedded-file', `the PDF carries an embedded file${name ? ` (${shown(name)})` : ''}`);
      }
    }
    if (this.revision.name(dict, 'Type') === 'Catalog' && dict.has('Collection')) {
      this.refuse('embedded-file', 'the PDF is a portfolio of embedded files');
    }
  }

  private action(kind: string, dict: PdfDict, where: string): void {
    const file = () => {
      const name =
        this.fileName(dict.get('F')) ?? this.fileName(this.revision.dict(dict.get('Win'))?.get('F'));
      return name ? ` (${name})` : '';
    };
    if (HARMLESS_ACTIONS.has(kind)) return;
    if (kind === 'JavaScript') this.refuse('javascript', `the PDF runs JavaScript ${where}`);
    else if (kind === 'Launch') this.refuse('launch', `the PDF launches a program or file${file()} ${where}`);
    else if (kind === 'SubmitForm')
      this.refuse('submit-form', `the PDF sends form data to an address${file()} ${where}`);
    else if (kind === 'ImportData')
      this.refuse('import-data', `the PDF imports form data from a file${file()} ${where}`);
    else if (kind === 'GoToR') this.refuse('remote-file', `the PDF opens another file${file()} ${where}`);
    else if (kind === 'GoToE')
      this.refuse('remote-file', `the PDF opens an embedded or another file${file()} ${where}`);
    else if (MEDIA_ACTIONS.has(kind))
      this.refuse('media', `the PDF plays embedded media or 3D content (${kind}) ${where}`);
    else if (kind === 'URI') this.uri(this.text(dict.get('URI')) ?? '', where);
    else
      this.refuse(
        'unknown-action',
        `the PDF contains an action of an unknown kind (${shown(kind)}) ${where}`,
      );
  }

  private uri(uri: string, where: string): void {
    // Browsers ignore leading spaces and control characters, and tabs and line breaks anywhere.
    const address = [...uri].filter((ch) => ch > ' ').join('');
    const colon = address.indexOf(':');
    const scheme = colon > 0 ? address.slice(0, colon).toLowerCase() : '';
    if (LINK_SCHEMES.has(scheme)) return;
    this.refuse(
      'link-scheme',
      scheme
        ? `the PDF has a link to a ${shown(scheme)}: address ${where}`
        : `the PDF has a link to an incomplete address (${shown(address)}) ${where}`,
    );
  }

  /**
   * The entries of a name tree, key and value. The first few hundred are enough: a tree with more
   * gets one entry standing for the rest, which no data file is.
   */
  private tree(root: PdfValue | undefined): [string, PdfValue][] {
    const entries: [string, PdfValue][] = [];
    const seen = new Set<number>();
    const nodes: PdfValue[] = [root ?? null];
    while (nodes.length) {
      if (entries.length >= 256) return [...entries, ['', null]];
      const node = nodes.pop() as PdfValue;
      if (node instanceof PdfRef) {
        if (seen.has(node.num)) continue;
        seen.add(node.num);
      }
      const dict = this.revision.dict(node);
      const pairs = this.revision.array(dict?.get('Names')) ?? [];
      for (let i = 0; i < pairs.length; i += 2)
        entries.push([this.text(pairs[i]) ?? '', pairs[i + 1] ?? null]);
      nodes.push(...(this.revision.array(dict?.get('Kids')) ?? []));
    }
    return entries;
  }

  /** Form fields by their full names, each with its widgets and actions. */
  fields(acroForm: PdfDict): void {
    const seen = new Set<number>();
    const stack: { value: PdfValue; name: string }[] = (
      this.revision.array(acroForm.get('Fields')) ?? []
    ).map((value) => ({ value, name: '' }));
    while (stack.length && !this.found) {
      const { value, name } = stack.pop() as { value: PdfValue; name: string };
      if (value instanceof PdfRef) {
        if (seen.has(value.num)) continue;
        seen.add(value.num);
      }
      const field = this.revision.dict(value);
      if (!field) continue;
      const partial = this.text(field.get('T'));
      const full = partial === undefined ? name : name ? `${name}.${partial}` : partial;
      this.check(value, `in the form field “${shown(full || '(unnamed)')}”`);
      for (const kid of this.revision.array(field.get('Kids')) ?? []) stack.push({ value: kid, name: full });
    }
  }
}

/**
 * The first active content found in a PDF, or undefined. The object graph is read, not the bytes:
 * names are compared decoded (`/Java#53cript`), objects inside compressed object streams are seen,
 * and after the document has been walked part by part (to say where: when it opens, page 2, a
 * form field) every object of every revision is checked too, referenced or not.
 */
export function findActiveContent(file: PdfFile): ActiveContent | undefined {
  const revision = file.final;
  const scan = new Scan(revision, dataFiles(revision));
  const catalog = revision.catalog;
  if (catalog) {
    const pages = pagesOf(revision);
    // Pages are checked with their numbers: a destination or a link back to one does not count.
    for (const page of pages) scan.claim(page.num);
    scan.check(catalog.get('OpenAction'), 'when it is opened', 'action');
    scan.check(catalog.get('AA'), 'when it is opened, closed, saved or printed', 'events');
    scan.check(catalog.get('Names'), 'when it is opened');
    const acroForm = revision.dict(catalog.get('AcroForm'));
    if (acroForm) {
      scan.check(acroForm.get('XFA'), 'in its form');
      scan.fields(acroForm);
    }
    pages.forEach((page, i) => {
      const where = `on page ${i + 1}`;
      scan.check(page.dict.get('AA'), `when page ${i + 1} is opened or closed`, 'events');
      for (const annotation of revision.array(page.dict.get('Annots')) ?? []) {
        const subtype = revision.name(revision.dict(annotation), 'Subtype') ?? '';
        scan.check(annotation, `in ${ANNOTATION_NAMES[subtype] ?? 'an annotation'} ${where}`);
      }
      scan.check(page.dict, where);
    });
    scan.check(catalog.get('Outlines'), 'in a bookmark');
    scan.check(catalog, 'in the document');
  }
  scan.check(revision.trailer, 'in the document');
  for (const { value } of file.everyObject()) {
    if (scan.found) break;
    scan.check(value instanceof PdfRef ? null : value, 'in an object no page shows');
  }
  return scan.found;
}

const SPEC_KEYS = new Set(['Type', 'F', 'UF', 'Desc', 'EF', 'AFRelationship']);
const STREAM_KEYS = new Set(['Type', 'Subtype', 'Length', 'Filter', 'DecodeParms', 'Params']);

/**
 * The agreement's data as our drafts carry it for PDF/A-3 (shared/documents/pdfa.ts), the way an
 * e-invoice carries its XML: a file associated with the document (listed in the catalog's /AF, with
 * AFRelationship /Data), named `*.json`, of type application/json, whose content decodes, within the
 * reading budget, to JSON. Data, not a program: these files (their specifications and streams) are
 * the only embedded files the inspection lets through; any other, or one that fails a condition,
 * is refused as an embedded file.
 */
function dataFiles(revision: Revision): Set<PdfValue> {
  const allowed = new Set<PdfValue>();
  for (const ref of revision.array(revision.catalog?.get('AF')) ?? []) {
    const dict = revision.resolve(ref);
    if (!(dict instanceof PdfDict)) continue;
    if ([...dict.entries.keys()].some((k) => !SPEC_KEYS.has(k))) continue;
    if (revision.name(dict, 'AFRelationship') !== 'Data') continue;
    const names = ['UF', 'F'].map((k) => revision.resolve(dict.get(k)));
    if (!names.every((n) => n === undefined || (n instanceof PdfString && /\.json$/i.test(n.text()))))
      continue;
    if (!names.some((n) => n !== undefined)) continue;
    const ef = revision.dict(dict.get('EF'));
    const targets = [...(ef?.entries ?? new Map<string, PdfValue>())];
    if (!targets.length || targets.some(([k, v]) => (k !== 'F' && k !== 'UF') || !(v instanceof PdfRef)))
      continue;
    const streams = new Set(targets.map(([, v]) => revision.resolve(v)));
    const [stream] = streams;
    if (streams.size !== 1 || !(stream instanceof PdfStream)) continue;
    if ([...stream.dict.entries.keys()].some((k) => !STREAM_KEYS.has(k))) continue;
    if (revision.name(stream.dict, 'Type') !== 'EmbeddedFile') continue;
    if (revision.name(stream.dict, 'Subtype') !== 'application/json') continue;
    if (!isJson(stream, revision)) continue;
    allowed.add(dict);
    allowed.add(stream);
  }
  return allowed;
}

function isJson(stream: PdfStream, revision: Revision): boolean {
  try {
    JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(decodeStream(stream, revision.file.budget)));
    return true;
  } catch (error) {
    if (error instanceof PdfLimitError) throw error;
    return false;
  }
}
