import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api.js';
import { useI18n } from '../i18n.js';
import { statusLabel } from '../labels.js';

/**
 * Loads data for a page, reloads on demand; the error is shown as the API phrased it. An answer to
 * a load that a newer one replaced (a search typed further) is dropped.
 */
export function useAsync<T>(load: () => Promise<T>, deps: unknown[]) {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const generation = useRef(0);
  // Callers name what the load depends on, as with useEffect.
  const run = useCallback(() => {
    const mine = ++generation.current;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => mine === generation.current && setState({ data, loading: false }),
      (error: unknown) => mine === generation.current && setState({ error, loading: false }),
    );
  }, deps);
  useEffect(run, [run]);
  return { ...state, reload: run };
}

/**
 * useAsync, loaded again every `everyMs` while `again(data)` holds: a template still being checked, a
 * batch still drafting. Stops on an error or once the data says it is settled.
 */
export function usePolled<T>(
  load: () => Promise<T>,
  deps: unknown[],
  again: (data: T) => boolean,
  everyMs = 1000,
) {
  const state = useAsync(load, deps);
  const { data, loading, reload } = state;
  useEffect(() => {
    if (loading || data === undefined || !again(data)) return;
    const timer = setTimeout(reload, everyMs);
    return () => clearTimeout(timer);
  }, [data, loading, reload]);
  return state;
}

/** The error as the API phrased it, with its issues; those a form's field shows (`shownAt`) left out. */
export function ErrorMessage({ error, shownAt }: { error: unknown; shownAt?: (path: string) => boolean }) {
  const { bi, t } = useI18n();
  if (!error) return null;
  const text = error instanceof ApiError ? bi(error.text) : t('Terjadi kesalahan', 'Something went wrong');
  const issues = error instanceof ApiError ? error.issues.filter((i) => !shownAt?.(i.path)) : [];
  return (
    <div class="alert error" role="alert">
      <p>{text}</p>
      {issues.length > 0 && (
        <ul>
          {issues.map((i) => (
            <li key={i.path}>
              <code>{i.path}</code>: {bi(i.message)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A presigned upload's progress (0 to 1), while there is one. */
export function UploadProgress({ id, progress }: { id: string; progress: number | undefined }) {
  const { t } = useI18n();
  if (progress === undefined) return null;
  return (
    <div class="progress-row">
      <label for={id}>{t('Kemajuan unggahan', 'Upload progress')}</label>
      <progress id={id} max={1} value={progress} />
      <span>{Math.round(progress * 100)}%</span>
    </div>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p class="muted" aria-live="polite">
      {t('Memuat…', 'Loading…')}
    </p>
  );
}

export function StatusBadge({ status }: { status: string }) {
  const { lang } = useI18n();
  return (
    <span class={`badge status-${status}`} data-status={status}>
      {statusLabel(status, lang)}
    </span>
  );
}

export function Section({
  title,
  children,
  id,
}: {
  title: string;
  children: ComponentChildren;
  id?: string;
}) {
  return (
    <section class="card" aria-labelledby={id ? `${id}-h` : undefined} id={id}>
      <h2 id={id ? `${id}-h` : undefined}>{title}</h2>
      {children}
    </section>
  );
}

/** Cursor paging: the cursors of the pages before this one, so "previous" needs no API support. */
export interface Pages {
  cursor?: string;
  previous?: () => void;
  next(cursor: string): void;
  reset(): void;
}

export function usePages(): Pages {
  const [cursors, setCursors] = useState<string[]>([]);
  return {
    cursor: cursors.at(-1),
    ...(cursors.length ? { previous: () => setCursors(cursors.slice(0, -1)) } : {}),
    next: (cursor) => setCursors([...cursors, cursor]),
    reset: () => setCursors([]),
  };
}

export function Pager({ pages, nextCursor }: { pages: Pages; nextCursor?: string | undefined }) {
  const { t } = useI18n();
  return (
    <div class="pager">
      <button type="button" disabled={!pages.previous} onClick={pages.previous}>
        {t('‹ Sebelumnya', '‹ Previous')}
      </button>
      <button type="button" disabled={!nextCursor} onClick={() => nextCursor && pages.next(nextCursor)}>
        {t('Berikutnya ›', 'Next ›')}
      </button>
    </div>
  );
}

/** One page of a cursor-paginated answer. */
export interface Paged<T> {
  items: T[];
  nextCursor?: string;
}

/**
 * A list read a page at a time and kept together, each "more" adding the next page; starts over
 * from the first page when `deps` change (an answer to an older request is dropped).
 */
export function useMore<T, P extends Paged<T>>(load: (cursor?: string) => Promise<P>, deps: unknown[]) {
  const [state, setState] = useState<{ pages: P[]; error?: unknown; loading: boolean }>({
    pages: [],
    loading: true,
  });
  const generation = useRef(0);
  const fetchPage = (cursor: string | undefined, keep: P[]) => {
    const mine = ++generation.current;
    setState({ pages: keep, loading: true });
    load(cursor).then(
      (page) => mine === generation.current && setState({ pages: [...keep, page], loading: false }),
      (error: unknown) => mine === generation.current && setState({ pages: keep, error, loading: false }),
    );
  };
  // Callers name what the load depends on, as with useEffect.
  const first = useCallback(() => fetchPage(undefined, []), deps);
  useEffect(first, [first]);
  const last = state.pages.at(-1);
  const next = last?.nextCursor;
  return {
    ...state,
    items: state.pages.flatMap((p) => p.items),
    last,
    more: next ? () => fetchPage(next, state.pages) : undefined,
    reload: first,
  };
}

/** "More" under a list whose next page exists. */
export function MoreButton({ list }: { list: { more?: (() => void) | undefined; loading: boolean } }) {
  const { t } = useI18n();
  if (!list.more) return null;
  return (
    <div class="pager">
      <button type="button" disabled={list.loading} onClick={list.more}>
        {list.loading ? t('Memuat…', 'Loading…') : t('Muat lebih banyak', 'Load more')}
      </button>
    </div>
  );
}

/** A labelled picker of one PDF file. */
export function PdfInput(props: { id: string; label: string; onFile: (file: File | undefined) => void }) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="file"
        accept="application/pdf"
        onChange={(e) => props.onFile(e.currentTarget.files?.[0])}
      />
    </div>
  );
}
