import { createContext, type RefObject } from 'preact';
import { useContext, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type * as z from 'zod';
import type { Issue } from '../../../shared/errors.js';
import { type Bilingual, describe, formatPath } from '../../../shared/form/messages.js';
import { ApiError } from '../api.js';
import { getIn, setIn } from './paths.js';

/** What the user typed and has not saved: kept on this device so a reload loses nothing. */
interface Draft<V> {
  values: V;
  /** The version the edit started from (absent for a new record). */
  baseVersion?: number;
  savedAt: string;
}

/** Where a form keeps its unsaved input, and the version it edits. */
export interface DraftPlace {
  key: string;
  version?: number | undefined;
}

function loadDraft<V>({ key, version }: DraftPlace): V | undefined {
  try {
    const raw = localStorage.getItem(key);
    const draft = raw ? (JSON.parse(raw) as Draft<V>) : undefined;
    // An edit begun on an older version would silently undo what was saved since.
    return draft && draft.baseVersion === version ? draft.values : undefined;
  } catch {
    return undefined;
  }
}

function storeDraft<V>({ key, version }: DraftPlace, values: V): void {
  const draft: Draft<V> = {
    values,
    ...(version ? { baseVersion: version } : {}),
    savedAt: new Date().toISOString(),
  };
  localStorage.setItem(key, JSON.stringify(draft));
}

const isUnder = (path: string, parent: string) =>
  path === parent || path.startsWith(`${parent}.`) || path.startsWith(`${parent}[`);

export interface FormOptions<V> {
  /** The schema the API applies to the body: its messages are the form's. */
  schema: z.ZodType;
  /** The values to start from when the device keeps no unsaved input. */
  initial: V;
  /** The request body for these values; input names are the body's paths (`period.to`). */
  toBody?: (values: V) => unknown;
  /** Keeps parts that depend on other answers in step after every change. */
  reconcile?: (values: V) => V;
  /** Keep every change on the device until the form is sent. */
  draft?: DraftPlace;
  /** Input ids are this prefix and the path, e.g. `ar-` → `ar-period_from`. */
  idPrefix: string;
}

export interface FieldProps {
  id: string;
  name: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
  onBlur(): void;
}

export interface SchemaForm<V> {
  values: V;
  body: unknown;
  /** Everything the schema finds wrong in the body now, by path, shown or not. */
  problems: Map<string, Bilingual[]>;
  /** Whether sending was tried: every message shows from then on. */
  tried: boolean;
  busy: boolean;
  /** Why the last send failed. */
  error: unknown;
  /** Unsaved input was restored from the device. */
  restored: boolean;
  set(path: string, value: unknown): void;
  touch(path: string): void;
  /**
   * The messages at a path: the schema's once the field is touched (or sending was tried), and the
   * API's while the value is still the one it refused.
   */
  messages(path: string): Bilingual[];
  /** The messages at a path and everything below it, e.g. for a list or a section. */
  messagesUnder(path: string): Bilingual[];
  inputId(path: string): string;
  /** What the input at a path carries: its id, name, validity and the touch on leaving it. */
  field(path: string): FieldProps;
  /** Whether a field shows the messages at this path; read after the fields have rendered. */
  shownAt(path: string): boolean;
  /**
   * Sends the body once the schema finds nothing wrong; otherwise, or when the API refuses it, the
   * first field to fix takes the focus. `patch` sets values for this send only (the button's choice).
   */
  submit(send: (body: unknown) => Promise<void>, patch?: Partial<V>): Promise<void>;
  /** Starts over from `values`: nothing touched, no error. */
  reset(values: V): void;
  /** Forgets the unsaved input kept on the device and starts over from the initial values. */
  discard(): void;
  /** For the <form>: the focus moves to its first invalid field. */
  ref: RefObject<HTMLFormElement | null>;
}

/** The problems the API would report for this body, by path, from the very same schema. */
function problemsOf(schema: z.ZodType, body: unknown): Map<string, Bilingual[]> {
  const result = schema.safeParse(body, { reportInput: true });
  const problems = new Map<string, Bilingual[]>();
  for (const issue of result.error?.issues ?? []) {
    const path = formatPath(issue.path);
    problems.set(path, [...(problems.get(path) ?? []), describe(issue)]);
  }
  return problems;
}

/**
 * One form's state, judged by the shared zod schema the API applies: values, touched fields, the
 * messages under the field the API would name, the API's refusal mapped back onto its fields, and,
 * where asked, the unsaved input kept on the device.
 */
export function useSchemaForm<V>(options: FormOptions<V>): SchemaForm<V> {
  const { schema, draft, idPrefix } = options;
  const toBody = options.toBody ?? ((v: V) => v);
  const reconcile = options.reconcile ?? ((v: V) => v);
  const [start] = useState(() => {
    const kept = draft && loadDraft<V>(draft);
    return { values: reconcile(kept ?? options.initial), restored: kept !== undefined };
  });
  const [values, setValues] = useState(start.values);
  const [restored, setRestored] = useState(start.restored);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  /** The body the API refused: its messages stay at a field until the field is changed. */
  const [refused, setRefused] = useState<unknown>();
  /** Bumped to move the focus to the first field to fix, once the messages are rendered. */
  const [focus, setFocus] = useState(0);
  const ref = useRef<HTMLFormElement>(null);
  /** The values as loaded or reset: nothing to keep on the device until they change. */
  const pristine = useRef(start.values);
  const body = useMemo(() => toBody(values), [values]);
  const problems = useMemo(() => problemsOf(schema, body), [body]);

  // Every change is kept on the device at once, so a reload or a closed tab loses nothing.
  useEffect(() => {
    if (draft && values !== pristine.current) storeDraft(draft, values);
  }, [values]);
  useEffect(() => {
    if (focus) ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focus]);

  const issues: Issue[] = error instanceof ApiError ? error.issues : [];
  const same = (path: string) => JSON.stringify(getIn(refused, path)) === JSON.stringify(getIn(body, path));
  const visible = (path: string) => tried || [...touched].some((p) => isUnder(p, path));
  // Filled in as the fields render; the alert under them lists the API's issues no field shows.
  const placed = new Set<string>();
  const placedUnder = new Set<string>();
  const collect = (path: string, under: boolean): Bilingual[] => {
    (under ? placedUnder : placed).add(path);
    const at = (p: string) => (under ? isUnder(p, path) : p === path);
    return [
      ...(visible(path) ? [...problems].filter(([p]) => at(p)).flatMap(([, m]) => m) : []),
      ...issues.filter((i) => at(i.path) && same(i.path)).map((i) => i.message),
    ];
  };
  const inputId = (path: string) => `${idPrefix}${path.replace(/[^\w-]/g, '_')}`;
  const touch = (path: string) => setTouched((s) => (s.has(path) ? s : new Set(s).add(path)));
  const reset = (next: V) => {
    pristine.current = reconcile(next);
    setValues(pristine.current);
    setTouched(new Set());
    setTried(false);
    setError(undefined);
    setRefused(undefined);
  };

  return {
    values,
    body,
    problems,
    tried,
    busy,
    error,
    restored,
    set: (path, value) => setValues((v) => reconcile(setIn(v, path, value))),
    touch,
    messages: (path) => collect(path, false),
    messagesUnder: (path) => collect(path, true),
    inputId,
    field: (path) => {
      const invalid = collect(path, false).length > 0;
      return {
        id: inputId(path),
        name: path,
        'aria-invalid': invalid || undefined,
        'aria-describedby': invalid ? `${inputId(path)}-err` : undefined,
        onBlur: () => touch(path),
      };
    },
    shownAt: (path) => placed.has(path) || [...placedUnder].some((p) => isUnder(path, p)),
    submit: async (send, patch) => {
      const sent = patch ? toBody({ ...values, ...patch }) : body;
      setTried(true);
      setError(undefined);
      if (problemsOf(schema, sent).size) {
        setFocus((n) => n + 1);
        return;
      }
      setBusy(true);
      try {
        await send(sent);
        if (draft) localStorage.removeItem(draft.key);
      } catch (e) {
        setError(e);
        setRefused(sent);
        setFocus((n) => n + 1);
      } finally {
        setBusy(false);
      }
    },
    reset,
    discard: () => {
      if (draft) localStorage.removeItem(draft.key);
      setRestored(false);
      reset(options.initial);
    },
    ref,
  };
}

export const FormContext = createContext<SchemaForm<unknown> | undefined>(undefined);

/** The form the fields below belong to. */
export function useForm<V = unknown>(): SchemaForm<V> {
  const form = useContext(FormContext);
  if (!form) throw new Error('form fields are used inside a FormContext');
  return form as SchemaForm<V>;
}
