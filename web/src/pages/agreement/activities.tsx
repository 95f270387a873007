import {
  type ActivityReport,
  activityReviewSchema,
  type REVIEW_DECISIONS,
} from '../../../../shared/evaluation/activity-report.js';
import { api } from '../../api.js';
import { ErrorMessage, Loading, MoreButton, type Paged, useMore } from '../../components/common.js';
import { FormView, Text } from '../../form/fields.js';
import { useSchemaForm } from '../../form/schema-form.js';
import { useI18n } from '../../i18n.js';
import { formatDate, formatMoney, reportStatusLabel, roleLabel } from '../../labels.js';
import { mayReportActivities, mayReviewActivities } from '../../permissions.js';
import { useUser } from '../../session-context.js';
import type { Agreement } from '../../types.js';
import { ActivityForm } from './activity-form.js';

/** A report as GET /api/agreements/{id}/activities lists it: each attachment with a short-lived link. */
type Listed = Omit<ActivityReport, 'attachments'> & {
  attachments: (ActivityReport['attachments'][number] & { url: string })[];
};

const BADGE = { submitted: 'status-in_review', accepted: 'ok', returned: 'warn' } as const;

/**
 * The agreement's activity reports for whoever may see it; the initiating OPD's form to file one while
 * the agreement is in force, and the Biro's accept/return on a submitted one.
 */
export function Activities({ agreement, onChange }: { agreement: Agreement; onChange(): void }) {
  const { t } = useI18n();
  const user = useUser();
  const list = useMore<Listed, Paged<Listed>>(
    (cursor) =>
      api<Paged<Listed>>(
        'GET',
        `/api/agreements/${agreement.id}/activities?limit=20${cursor ? `&cursor=${cursor}` : ''}`,
      ),
    [agreement.id],
  );
  // A report or a review is an audit event of the agreement: its history reloads with the list.
  const changed = () => {
    list.reload();
    onChange();
  };
  // Latest period first, as the API pages them.
  const items = list.items;
  return (
    <>
      {mayReportActivities(user, agreement) && <ActivityForm agreementId={agreement.id} onDone={changed} />}
      <section class="card" aria-labelledby="activities-h">
        <h2 id="activities-h">{t('Laporan pelaksanaan kegiatan', 'Activity reports')}</h2>
        {list.loading && !list.last && <Loading />}
        <ErrorMessage error={list.error} />
        {list.last && items.length === 0 && (
          <p class="muted">{t('Belum ada laporan kegiatan.', 'No activity reports yet.')}</p>
        )}
        <ul class="rows reports" data-testid="activity-reports">
          {items.map((r) => (
            <Report key={r.reportId} agreementId={agreement.id} report={r} onDone={changed} />
          ))}
        </ul>
        <MoreButton list={list} />
      </section>
    </>
  );
}

function Report({ agreementId, report: r, onDone }: { agreementId: string; report: Listed; onDone(): void }) {
  const { t, lang } = useI18n();
  const user = useUser();
  const period = `${formatDate(r.period.from, lang)} – ${formatDate(r.period.to, lang)}`;
  return (
    <li data-report={r.reportId} data-status={r.status}>
      <h3>
        {t('Periode', 'Period')} {period}{' '}
        <span class={`badge ${BADGE[r.status]}`} data-testid="report-status">
          {reportStatusLabel(r.status, lang)}
        </span>
      </h3>
      <p class="meta">
        {t('Dilaporkan oleh', 'Reported by')} {r.submittedBy.name} ({roleLabel(r.submittedBy.role, lang)}) ·{' '}
        {formatDate(r.submittedAt, lang, true)}
      </p>
      <dl class="record">
        <dt>{t('Kegiatan', 'Activities')}</dt>
        <dd>
          <ul>
            {r.activities.map((a, i) => (
              <li key={i}>{a}</li>
            ))}
          </ul>
        </dd>
        <dt>{t('Hasil', 'Outcomes')}</dt>
        <dd class="text">{r.outcomes}</dd>
        <dt>{t('Manfaat', 'Benefits')}</dt>
        <dd class="text">{r.benefits}</dd>
        <dt>{t('Anggaran', 'Budget')}</dt>
        <dd>{r.budgetUsed ? formatMoney(r.budgetUsed.amount, r.budgetUsed.currency, lang) : '–'}</dd>
        <dt>{t('Lampiran', 'Attachments')}</dt>
        <dd>
          {r.attachments.length === 0
            ? '–'
            : r.attachments.map((a) => (
                <a key={a.key} class="attachment" href={a.url} download={a.name} rel="noreferrer">
                  {a.name}
                </a>
              ))}
        </dd>
      </dl>
      {r.review && (
        <div class="review">
          <p class="meta">
            {r.review.decision === 'accept'
              ? t('Diterima oleh', 'Accepted by')
              : t('Dikembalikan oleh', 'Returned by')}{' '}
            {r.review.by.name} ({roleLabel(r.review.by.role, lang)}) · {formatDate(r.review.at, lang, true)}
          </p>
          {r.review.comment && <blockquote data-testid="review-comment">{r.review.comment}</blockquote>}
        </div>
      )}
      {r.status === 'submitted' && mayReviewActivities(user) && (
        <Review agreementId={agreementId} reportId={r.reportId} onDone={onDone} />
      )}
    </li>
  );
}

/** The Biro accepts a submitted report (the agreement's last activity moves) or returns it to the OPD. */
function Review({
  agreementId,
  reportId,
  onDone,
}: {
  agreementId: string;
  reportId: string;
  onDone(): void;
}) {
  const { t } = useI18n();
  const form = useSchemaForm({
    schema: activityReviewSchema,
    initial: { decision: 'accept' as (typeof REVIEW_DECISIONS)[number], comment: '' },
    toBody: ({ decision, comment }) => ({ decision, ...(comment.trim() ? { comment: comment.trim() } : {}) }),
    idPrefix: `rv-${reportId}-`,
  });
  const decide = (decision: (typeof REVIEW_DECISIONS)[number]) =>
    form.submit(
      async (body) => {
        await api('POST', `/api/agreements/${agreementId}/activities/${reportId}/review`, body);
        onDone();
      },
      { decision },
    );
  return (
    <FormView form={form} class="review" testId="review">
      <Text
        path="comment"
        multiline
        rows={2}
        label={t(
          'Catatan telaah (opsional; sebutkan yang perlu dilengkapi bila dikembalikan)',
          'Review comment (optional; say what to complete when returning)',
        )}
      />
      <ErrorMessage error={form.error} shownAt={form.shownAt} />
      <div class="actions">
        <button type="button" class="primary" disabled={form.busy} onClick={() => decide('accept')}>
          {t('Terima', 'Accept')}
        </button>
        <button type="button" disabled={form.busy} onClick={() => decide('return')}>
          {t('Kembalikan', 'Return')}
        </button>
      </div>
    </FormView>
  );
}
