import { useState } from 'preact/hooks';
import { voidBodySchema } from '../../../shared/register/entry.js';
import { api, query, saveFrom } from '../api.js';
import {
  ErrorMessage,
  Loading,
  type Paged,
  Pager,
  Section,
  useAsync,
  usePages,
} from '../components/common.js';
import { Choice } from '../components/controls.js';
import { FormView, SendButton, Text } from '../form/fields.js';
import { useSchemaForm } from '../form/schema-form.js';
import { useI18n } from '../i18n.js';
import { formatDate, typeLabel } from '../labels.js';
import { mayVoidNumbers } from '../permissions.js';
import { onLinkClick } from '../router.js';
import { useUser } from '../session-context.js';
import type { RegisterEntry } from '../types.js';

const thisYear = () => new Date().getUTCFullYear();

/** The register book: every number given in a year, in order, voided ones with their reason. */
export function RegisterPage() {
  const { t } = useI18n();
  const [year, setYear] = useState(String(thisYear()));
  const pages = usePages();
  const { cursor } = pages;
  const book = useAsync(
    () => api<Paged<RegisterEntry>>('GET', `/api/register${query({ year, cursor, limit: '50' })}`),
    [year, cursor],
  );
  const years = Array.from({ length: 8 }, (_, i) => String(thisYear() - i));
  return (
    <>
      <h1>{t('Buku register nomor naskah', 'Register of document numbers')}</h1>
      <div class="card filters">
        <Choice
          id="reg-year"
          label={t('Tahun', 'Year')}
          value={year}
          options={years.map((y) => [y, y])}
          onChange={(y) => {
            pages.reset();
            setYear(y);
          }}
        />
        <Workbook year={year} />
      </div>
      <Section title={`${t('Register', 'Register')} ${year}`} id="register">
        {book.loading && <Loading />}
        <ErrorMessage error={book.error} />
        {book.data && book.data.items.length === 0 && (
          <p class="muted">{t('Belum ada nomor tahun ini.', 'No numbers this year yet.')}</p>
        )}
        {book.data && book.data.items.length > 0 && (
          <div class="table-wrap">
            <table data-testid="register">
              <thead>
                <tr>
                  <th>{t('Nomor', 'Number')}</th>
                  <th>{t('Naskah', 'Document')}</th>
                  <th>{t('OPD', 'Unit')}</th>
                  <th>{t('Diberikan', 'Assigned')}</th>
                  <th>{t('Keterangan', 'Remarks')}</th>
                </tr>
              </thead>
              <tbody>
                {book.data.items.map((e) => (
                  <EntryRow key={e.sequence} entry={e} year={year} onVoided={book.reload} />
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pager pages={pages} nextCursor={book.data?.nextCursor} />
      </Section>
    </>
  );
}

/** The year's register as an XLSX workbook, fetched with the user's token and saved as a file. */
function Workbook({ year }: { year: string }) {
  const { t } = useI18n();
  const [error, setError] = useState<unknown>();
  const download = () =>
    saveFrom(`/api/register${query({ year, format: 'xlsx' })}`, `register-${year}.xlsx`).catch(setError);
  return (
    <div class="actions">
      <button type="button" onClick={download} data-testid="register-xlsx">
        {t('Unduh XLSX', 'Download XLSX')}
      </button>
      <ErrorMessage error={error} />
    </div>
  );
}

function EntryRow({ entry: e, year, onVoided }: { entry: RegisterEntry; year: string; onVoided(): void }) {
  const { t, bi, lang } = useI18n();
  const user = useUser();
  const [voiding, setVoiding] = useState(false);
  return (
    <tr class={e.voided ? 'voided' : undefined} data-sequence={e.sequence}>
      <td>
        <code>{e.number}</code>
      </td>
      <td>
        <a href={`/agreements/${e.agreementId}`} onClick={onLinkClick}>
          {bi(e.title)}
        </a>
        <br />
        <span class="muted">{typeLabel(e.documentType, lang).split(' ')[0]}</span>
      </td>
      <td>{e.unit}</td>
      <td>
        {formatDate(e.assignedAt, lang, true)}
        <br />
        <span class="muted">{e.assignedBy.name}</span>
      </td>
      <td>
        {e.voided ? (
          <span data-testid="voided">
            <strong>{t('Dibatalkan', 'Voided')}</strong>: {e.voided.reason} ({e.voided.by.name},{' '}
            {formatDate(e.voided.at, lang)})
          </span>
        ) : (
          mayVoidNumbers(user) &&
          (voiding ? (
            <VoidForm year={year} sequence={e.sequence} onDone={onVoided} />
          ) : (
            <button type="button" class="link danger" onClick={() => setVoiding(true)}>
              {t('Batalkan nomor', 'Void the number')}
            </button>
          ))
        )}
      </td>
    </tr>
  );
}

function VoidForm({ year, sequence, onDone }: { year: string; sequence: number; onDone(): void }) {
  const { t } = useI18n();
  const form = useSchemaForm({
    schema: voidBodySchema,
    initial: { reason: '' },
    idPrefix: `void-${sequence}-`,
  });
  const send = () =>
    form.submit(async (body) => {
      await api('POST', `/api/register/${year}/${sequence}/void`, body);
      onDone();
    });
  return (
    <FormView form={form} onSubmit={send} testId="void-number">
      <Text path="reason" label={t('Alasan pembatalan', 'Reason for voiding')} />
      <SendButton label={t('Batalkan nomor ini', 'Void this number')} danger />
    </FormView>
  );
}
