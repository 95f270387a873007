import { useI18n } from '../../i18n.js';
import { actionLabel, formatDate, roleLabel } from '../../labels.js';
import type { History } from '../../types.js';
import type { Article } from './actions-panel.js';

const headingOf = (articles: Article[], key: string | undefined) =>
  articles.find((a) => a.key === key)?.heading;

/** The review comments, each under the article it is about. */
export function Comments({ history, articles }: { history: History; articles: Article[] }) {
  const { t, bi, lang } = useI18n();
  const comments = history.events.filter((e) => e.comment);
  return (
    <section class="card" aria-labelledby="comments-h">
      <h2 id="comments-h">{t('Catatan per pasal', 'Comments by article')}</h2>
      {comments.length === 0 && <p class="muted">{t('Belum ada catatan.', 'No comments yet.')}</p>}
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
    </section>
  );
}

/** Every audit event, oldest first, and whether the hash chain holds. */
export function Timeline({ history }: { history: History }) {
  const { t, lang } = useI18n();
  return (
    <section class="card" aria-labelledby="history-h">
      <h2 id="history-h">{t('Riwayat', 'History')}</h2>
      {history.chainIntact ? (
        <p class="alert ok" data-testid="chain">
          {t(
            'Rantai audit utuh: tidak ada catatan yang diubah.',
            'Audit chain intact: no entry has been altered.',
          )}
        </p>
      ) : (
        <p class="alert error" data-testid="chain">
          {t(
            `Rantai audit rusak pada catatan ${history.brokenAt}.`,
            `Audit chain broken at entry ${history.brokenAt}.`,
          )}
        </p>
      )}
      <ol class="timeline">
        {history.events.map((e) => (
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
    </section>
  );
}
