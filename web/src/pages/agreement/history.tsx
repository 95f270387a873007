import { api } from '../../api.js';
import { ErrorMessage, Loading, MoreButton, useMore } from '../../components/common.js';
import { useI18n } from '../../i18n.js';
import { actionLabel, formatDate, roleLabel } from '../../labels.js';
import type { Agreement, AuditEvent, HistoryPage } from '../../types.js';
import type { Article } from './actions-panel.js';

/** Audit events of the evaluation: their comments are about a period or the end, not an article. */
const EVALUATION_ACTIONS = [
  'report-activity',
  'accept-activity-report',
  'return-activity-report',
  'terminate',
];

/** The history's pages (`query` starts with `?`), their events as the paging hook's items. */
export const historyPages = (id: string, query: string) => (cursor?: string) =>
  api<HistoryPage>('GET', `/api/agreements/${id}/history${query}${cursor ? `&cursor=${cursor}` : ''}`).then(
    (page) => ({ ...page, items: page.events }),
  );

/** Every reload of the agreement after an action (its chain grew) reads the history again. */
const chainOf = (agreement: Agreement) => [agreement.id, agreement.lastEvent.seq];

const headingOf = (articles: Article[], key: string | undefined) =>
  articles.find((a) => a.key === key)?.heading;

/** The review comments, each under the article it is about, read from the commented events only. */
export function Comments({ agreement, articles }: { agreement: Agreement; articles: Article[] }) {
  const { t, bi, lang } = useI18n();
  const list = useMore<AuditEvent, HistoryPage & { items: AuditEvent[] }>(
    historyPages(agreement.id, '?commented=true&limit=100'),
    chainOf(agreement),
  );
  const comments = list.items.filter((e) => !EVALUATION_ACTIONS.includes(e.action));
  return (
    <section class="card" aria-labelledby="comments-h">
      <h2 id="comments-h">{t('Catatan per pasal', 'Comments by article')}</h2>
      {list.loading && !list.last && <Loading />}
      <ErrorMessage error={list.error} />
      {list.last && comments.length === 0 && !list.more && (
        <p class="muted">{t('Belum ada catatan.', 'No comments yet.')}</p>
      )}
      <ul class="comments" data-testid="comments">
        {comments.map((e) => {
          const heading = headingOf(articles, e.article);
          return (
            <li key={e.seq}>
              <span class="anchor">
                {e.article ? bi(heading) || e.article : t('Seluruh naskah', 'Whole document')}
              </span>
              <blockquote>{e.comment}</blockquote>
              <span class="muted">
                {e.actor.name} ({roleLabel(e.actor.role, lang)}) · v{e.version} ·{' '}
                {formatDate(e.at, lang, true)}
              </span>
            </li>
          );
        })}
      </ul>
      <MoreButton list={list} />
    </section>
  );
}

/** Whether the chain holds from the genesis to the head: every page answers for all of it. */
function ChainStatus({ page }: { page: HistoryPage }) {
  const { t } = useI18n();
  return page.chainIntact ? (
    <p class="alert ok" data-testid="chain">
      {t(
        'Rantai audit utuh: tidak ada catatan yang diubah.',
        'Audit chain intact: no entry has been altered.',
      )}
    </p>
  ) : (
    <p class="alert error" data-testid="chain">
      {t(
        `Rantai audit rusak pada catatan ${page.brokenAt}.`,
        `Audit chain broken at entry ${page.brokenAt}.`,
      )}
    </p>
  );
}

/** Whether the chain still has the head recorded daily outside the database, and what came since. */
function AnchorStatus({ page }: { page: HistoryPage }) {
  const { t, lang } = useI18n();
  const { anchor, unanchored } = page;
  const pending = unanchored && unanchored.to - unanchored.from + 1;
  return (
    <div data-testid="anchor">
      {anchor?.matches === true && (
        <p class="alert ok">
          {t(
            `Catatan 1–${anchor.seq} cocok dengan jangkar harian ${formatDate(anchor.at, lang, true)} yang tersimpan di luar basis data.`,
            `Entries 1–${anchor.seq} match the daily anchor of ${formatDate(anchor.at, lang, true)}, kept outside the database.`,
          )}
        </p>
      )}
      {anchor?.matches === false && (
        <p class="alert error">
          {t(
            `Tidak cocok dengan jangkar harian ${formatDate(anchor.at, lang, true)}: catatan 1–${anchor.seq} telah diubah di basis data sesudah dijangkarkan.`,
            `Does not match the daily anchor of ${formatDate(anchor.at, lang, true)}: entries 1–${anchor.seq} were changed in the database after they were anchored.`,
          )}
        </p>
      )}
      {unanchored && (
        <p class="muted">
          {t(
            `${pending} catatan (${unanchored.from}–${unanchored.to}) sejak ${formatDate(unanchored.since, lang, true)} belum dijangkarkan; jangkar harian berikutnya mencakupnya.`,
            `${pending} entries (${unanchored.from}–${unanchored.to}) since ${formatDate(unanchored.since, lang, true)} are not anchored yet; the next daily anchor covers them.`,
          )}
        </p>
      )}
    </div>
  );
}

/** The audit events, oldest first, a page at a time; whether the chain holds and matches its anchor. */
export function Timeline({ agreement }: { agreement: Agreement }) {
  const { t, lang } = useI18n();
  const list = useMore<AuditEvent, HistoryPage & { items: AuditEvent[] }>(
    historyPages(agreement.id, '?limit=50'),
    chainOf(agreement),
  );
  return (
    <section class="card" aria-labelledby="history-h">
      <h2 id="history-h">{t('Riwayat', 'History')}</h2>
      {list.loading && !list.last && <Loading />}
      <ErrorMessage error={list.error} />
      {list.last && (
        <>
          <ChainStatus page={list.last} />
          <AnchorStatus page={list.last} />
          <p class="muted" data-testid="history-count">
            {t(
              `${list.items.length} dari ${list.last.length} catatan`,
              `${list.items.length} of ${list.last.length} entries`,
            )}
          </p>
        </>
      )}
      <ol class="timeline">
        {list.items.map((e) => (
          <li key={e.seq}>
            <time dateTime={e.at}>{formatDate(e.at, lang, true)}</time>
            <span>
              <strong>{actionLabel(e.action, lang)}</strong> · {e.actor.name} ({roleLabel(e.actor.role, lang)}
              ) · v{e.version}
            </span>
            {e.attachment && (
              <span class="muted">
                {t('Lampiran', 'Attachment')}: {e.attachment.name}
              </span>
            )}
            <code class="hash" title={e.hash}>
              {e.hash.slice(0, 12)}…
            </code>
          </li>
        ))}
      </ol>
      <MoreButton list={list} />
    </section>
  );
}
