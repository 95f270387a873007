import { useState } from 'preact/hooks';
import { reportRequestSchema } from '../../../shared/evaluation/period.js';
import { api, query } from '../api.js';
import { ChartView } from '../components/chart.js';
import {
  ErrorMessage,
  Loading,
  MoreButton,
  type Paged,
  Pager,
  Section,
  useAsync,
  useMore,
  usePages,
} from '../components/common.js';
import { FormView, Text } from '../form/fields.js';
import { useSchemaForm } from '../form/schema-form.js';
import { useI18n } from '../i18n.js';
import { countryName, fieldLabel, formatDate, statusLabel, typeLabel } from '../labels.js';
import { mayGenerateReports } from '../permissions.js';
import { onLinkClick } from '../router.js';
import { useUser } from '../session-context.js';
import type { ArchiveSummary, Page } from '../types.js';

interface Summary {
  asOf: string;
  total: number;
  byStatus: Record<string, number>;
  by: Record<'type' | 'category' | 'country' | 'field' | 'unit' | 'year', Record<string, { total: number }>>;
}

interface Report {
  period: string;
  generatedAt: string;
  generatedBy: string;
  agreements: number;
  activityReports: number;
  links: { xlsx: string; pdf: string };
}

/** Region-wide counts, the evaluation lists and the periodic reports. */
export function DashboardPage() {
  const { t } = useI18n();
  return (
    <>
      <h1>{t('Evaluasi kerja sama', 'Cooperation evaluation')}</h1>
      <Charts />
      <Lists />
      <Reports />
    </>
  );
}

function Charts() {
  const { t, lang } = useI18n();
  const summary = useAsync(() => api<Summary>('GET', '/api/evaluation/summary'), []);
  if (summary.loading) return <Loading />;
  if (summary.error || !summary.data) return <ErrorMessage error={summary.error} />;
  const s = summary.data;
  const dim = (d: keyof Summary['by'], label: (k: string) => string) => {
    const entries = Object.entries(s.by[d]).sort(([a], [b]) => a.localeCompare(b));
    return { labels: entries.map(([k]) => label(k)), values: entries.map(([, c]) => c.total) };
  };
  const statuses = Object.entries(s.byStatus);
  return (
    <Section title={`${t('Ringkasan per', 'Summary as of')} ${formatDate(s.asOf, lang)}`} id="summary">
      <p class="big" data-testid="total">
        {s.total} <span class="muted">{t('kerja sama tercatat', 'agreements on record')}</span>
      </p>
      <div class="charts">
        <ChartView
          kind="doughnut"
          title={t('Menurut status', 'By status')}
          labels={statuses.map(([k]) => statusLabel(k, lang))}
          values={statuses.map(([, n]) => n)}
        />
        <ChartView
          kind="bar"
          title={t('Menurut jenis', 'By type')}
          {...dim('type', (k) => typeLabel(k, lang).split(' ')[0] ?? k)}
        />
        <ChartView kind="bar" title={t('Menurut kategori', 'By category')} {...dim('category', (k) => k)} />
        <ChartView
          kind="bar"
          title={t('Menurut negara mitra', 'By partner country')}
          {...dim('country', (k) => countryName(k, lang))}
        />
        <ChartView
          kind="bar"
          title={t('Menurut bidang', 'By field')}
          {...dim('field', (k) => fieldLabel(k, lang))}
        />
        <ChartView kind="bar" title={t('Menurut OPD', 'By OPD')} {...dim('unit', (k) => k)} />
        <ChartView kind="bar" title={t('Menurut tahun', 'By year')} {...dim('year', (k) => k)} />
      </div>
    </Section>
  );
}

const LISTS: [string, string, string][] = [
  ['expiring-90', 'Berakhir ≤ 90 hari', 'Expiring within 90 days'],
  ['expiring-180', 'Berakhir ≤ 180 hari', 'Expiring within 180 days'],
  ['expired', 'Sudah berakhir', 'Expired'],
  ['loi-without-mou', 'LoI > 1 tahun tanpa MoU', 'LoIs over a year without an MoU'],
  ['mou-without-pks', 'MoU tanpa PKS', 'MoUs without a PKS'],
  ['no-recent-activity', 'Tanpa kegiatan terbaru', 'No recent activity'],
];

function Lists() {
  const { t, lang, bi } = useI18n();
  const [name, setName] = useState('expiring-90');
  const pages = usePages();
  const { cursor } = pages;
  const list = useAsync(
    () => api<Page<ArchiveSummary>>('GET', `/api/evaluation/lists/${name}${query({ cursor, limit: '10' })}`),
    [name, cursor],
  );
  return (
    <Section title={t('Daftar pemantauan', 'Watch lists')} id="lists">
      <fieldset class="tabs" aria-label={t('Daftar', 'Lists')}>
        {LISTS.map(([key, id, en]) => (
          <button
            type="button"
            key={key}
            aria-pressed={name === key}
            onClick={() => {
              setName(key);
              pages.reset();
            }}
          >
            {t(id, en)}
          </button>
        ))}
      </fieldset>
      <div aria-live="polite">
        {list.loading && <Loading />}
        <ErrorMessage error={list.error} />
        {list.data && list.data.items.length === 0 && (
          <p class="muted">{t('Daftar ini kosong.', 'This list is empty.')}</p>
        )}
        {list.data && list.data.items.length > 0 && (
          <ul class="rows">
            {list.data.items.map((r) => (
              <li key={r.agreementId}>
                <a href={`/agreements/${r.agreementId}`} onClick={onLinkClick}>
                  {bi(r.title)}
                </a>
                <span class="meta">
                  {typeLabel(r.documentType, lang).split(' ')[0]} · {r.unitCode} ·{' '}
                  {t('ditandatangani', 'signed')} {formatDate(r.signedAt, lang)} ·{' '}
                  {t('berlaku sampai', 'valid until')} {formatDate(r.validUntil, lang)}
                </span>
              </li>
            ))}
          </ul>
        )}
        <Pager pages={pages} nextCursor={list.data?.nextCursor} />
      </div>
    </Section>
  );
}

function Reports() {
  const { t, lang } = useI18n();
  const user = useUser();
  const reports = useMore<Report, Paged<Report>>(
    (cursor) => api<Paged<Report>>('GET', `/api/reports${query({ cursor, limit: '10' })}`),
    [],
  );
  return (
    <Section title={t('Laporan berkala ke Kemendagri', 'Periodic reports to the Ministry')} id="reports">
      {mayGenerateReports(user) && <GenerateReport onDone={reports.reload} />}
      {reports.loading && !reports.last && <Loading />}
      <ErrorMessage error={reports.error} />
      {reports.last && reports.items.length === 0 && (
        <p class="muted">{t('Belum ada laporan.', 'No report yet.')}</p>
      )}
      {reports.items.length > 0 && (
        <ul class="rows" data-testid="reports">
          {reports.items.map((r) => (
            <li key={`${r.period}#${r.generatedAt}`}>
              <strong>{r.period}</strong>
              <span class="meta">
                {r.agreements} {t('kerja sama', 'agreements')} · {r.activityReports}{' '}
                {t('laporan kegiatan', 'activity reports')} · {formatDate(r.generatedAt, lang, true)} ·{' '}
                {r.generatedBy}
              </span>
              <span class="actions">
                <a class="button" href={r.links.xlsx}>
                  XLSX
                </a>
                <a class="button" href={r.links.pdf} target="_blank" rel="noreferrer">
                  PDF
                </a>
              </span>
            </li>
          ))}
        </ul>
      )}
      <MoreButton list={reports} />
    </Section>
  );
}

/** The Biro's form to generate a period's report now (the daily job does the ended periods itself). */
function GenerateReport({ onDone }: { onDone(): void }) {
  const { t } = useI18n();
  const form = useSchemaForm({
    schema: reportRequestSchema,
    initial: { period: String(new Date().getFullYear() - 1) },
    idPrefix: 'report-',
  });
  return (
    <>
      <FormView
        form={form}
        class="inline"
        onSubmit={() =>
          form.submit(async (body) => {
            await api('POST', '/api/reports', body);
            onDone();
          })
        }
      >
        <Text
          path="period"
          label={t('Periode (2026, 2026-S1, 2026-S2)', 'Period (2026, 2026-S1, 2026-S2)')}
        />
        <button type="submit" class="primary" disabled={form.busy}>
          {form.busy ? t('Menyusun…', 'Generating…') : t('Susun laporan', 'Generate report')}
        </button>
      </FormView>
      <ErrorMessage error={form.error} shownAt={form.shownAt} />
    </>
  );
}
