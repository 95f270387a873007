import { api, query } from '../api.js';
import {
  ErrorMessage,
  Loading,
  Pager,
  Section,
  StatusBadge,
  useAsync,
  usePages,
} from '../components/common.js';
import { useI18n } from '../i18n.js';
import { formatDate, kindLabel, typeLabel } from '../labels.js';
import { onLinkClick } from '../router.js';
import type { Agreement, InboxItem, Page } from '../types.js';

export function InboxPage() {
  const { t } = useI18n();
  return (
    <>
      <h1>{t('Kotak masuk', 'Inbox')}</h1>
      <Inbox />
      <Agreements />
    </>
  );
}

function Inbox() {
  const { t, bi, lang } = useI18n();
  const inbox = useAsync(() => api<Page<InboxItem>>('GET', '/api/inbox'), []);
  return (
    <Section title={t('Menunggu tindakan Anda', 'Waiting for you')} id="inbox">
      {inbox.loading && <Loading />}
      <ErrorMessage error={inbox.error} />
      {inbox.data && inbox.data.items.length === 0 && (
        <p class="muted">{t('Tidak ada yang menunggu.', 'Nothing is waiting.')}</p>
      )}
      {inbox.data && inbox.data.items.length > 0 && (
        <ul class="rows" data-testid="inbox">
          {inbox.data.items.map((item) => (
            <li key={`${item.agreementId}-${item.stepId}`} class={item.overdue ? 'overdue' : undefined}>
              <a href={`/agreements/${item.agreementId}`} onClick={onLinkClick}>
                {bi(item.title)}
              </a>
              <span class="meta">
                {typeLabel(item.documentType, lang)} · {item.category} · {kindLabel(item.kind, lang)} · v
                {item.version}
              </span>
              <span class="due">
                {item.overdue && <strong class="badge overdue-flag">{t('Terlambat', 'Overdue')}</strong>}{' '}
                {t('Batas', 'Due')} {formatDate(item.dueAt, lang)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

/** Every agreement the user may see (OPD users: their own unit), newest first, a page at a time. */
function Agreements() {
  const { t, bi, lang } = useI18n();
  const pages = usePages();
  const { cursor } = pages;
  const list = useAsync(
    () => api<Page<Agreement>>('GET', `/api/agreements${query({ cursor, limit: '10' })}`),
    [cursor],
  );
  return (
    <Section title={t('Semua kerja sama', 'All agreements')} id="agreements">
      {list.loading && <Loading />}
      <ErrorMessage error={list.error} />
      {list.data && (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{t('Judul', 'Title')}</th>
                <th>{t('Jenis', 'Type')}</th>
                <th>OPD</th>
                <th>{t('Status', 'Status')}</th>
                <th>{t('Diperbarui', 'Updated')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((a) => (
                <tr key={a.id}>
                  <td>
                    <a href={`/agreements/${a.id}`} onClick={onLinkClick}>
                      {bi(a.title)}
                    </a>
                  </td>
                  <td>{typeLabel(a.documentType, lang).split(' ')[0]}</td>
                  <td>{a.initiatingUnit.code}</td>
                  <td>
                    <StatusBadge status={a.status} />
                  </td>
                  <td>{formatDate(a.updatedAt, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager pages={pages} nextCursor={list.data?.nextCursor} />
    </Section>
  );
}
