import { api, query } from '../../api.js';
import { ErrorMessage, Loading, MoreButton, type Paged, Section, useMore } from '../../components/common.js';
import { useI18n } from '../../i18n.js';
import { formatDate, roleLabel } from '../../labels.js';
import type { AdminEvent } from '../../types.js';

type LogPage = Paged<AdminEvent> & { chainIntact: boolean; brokenAt?: number };

const shown = (value: unknown) =>
  value === undefined ? '–' : typeof value === 'string' ? value : JSON.stringify(value);

/** The fields a change touched: each with its value before and after (all of them for a creation). */
function changedFields(before: unknown, after: unknown): [string, string, string][] {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  return [...new Set([...Object.keys(b), ...Object.keys(a)])]
    .filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]))
    .map((k) => [k, shown(b[k]), shown(a[k])]);
}

/** Every administrative change, newest first: who, what, on what, before → after; the chain's state. */
export function AdminLogPage() {
  const { t, lang } = useI18n();
  const log = useMore<AdminEvent, LogPage>(
    (cursor) => api<LogPage>('GET', `/api/admin/log${query({ cursor, limit: '20' })}`),
    [],
  );
  const intact = log.pages[0]?.chainIntact;
  return (
    <Section title={t('Log administrasi', 'Admin log')} id="admin-log">
      {intact !== undefined && (
        <p class={`alert ${intact ? 'ok' : 'error'}`} data-testid="chain" data-intact={String(intact)}>
          {intact
            ? t(
                'Rantai hash utuh: tidak ada catatan yang diubah.',
                'The hash chain is intact: no entry was altered.',
              )
            : t(
                `Rantai hash terputus pada catatan #${log.pages[0]?.brokenAt}: ada catatan yang diubah atau dihapus.`,
                `The hash chain is broken at entry #${log.pages[0]?.brokenAt}: an entry was altered or removed.`,
              )}
        </p>
      )}
      <ErrorMessage error={log.error} />
      {log.items.length === 0 && log.loading && <Loading />}
      {log.items.length > 0 && (
        <div class="table-wrap">
          <table data-testid="admin-log">
            <thead>
              <tr>
                <th>#</th>
                <th>{t('Waktu', 'When')}</th>
                <th>{t('Oleh', 'By')}</th>
                <th>{t('Tindakan', 'Action')}</th>
                <th>{t('Sasaran', 'Target')}</th>
                <th>{t('Sebelum → sesudah', 'Before → after')}</th>
              </tr>
            </thead>
            <tbody>
              {log.items.map((e) => (
                <tr key={e.seq}>
                  <td>{e.seq}</td>
                  <td>{formatDate(e.at, lang, true)}</td>
                  <td>
                    {e.actor.name}
                    <br />
                    <span class="muted">{roleLabel(e.actor.role, lang)}</span>
                  </td>
                  <td>
                    <code>{e.action}</code>
                  </td>
                  <td>
                    {e.target.kind} <code>{e.target.id}</code>
                  </td>
                  <td>
                    <ul class="changes">
                      {changedFields(e.before, e.after).map(([field, from, to]) => (
                        <li key={field}>
                          <code>{field}</code>: <del>{from}</del> → <ins>{to}</ins>
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <MoreButton list={log} />
    </Section>
  );
}
