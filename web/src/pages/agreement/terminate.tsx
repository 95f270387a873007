import { terminationSchema } from '../../../../shared/evaluation/lifecycle.js';
import { api } from '../../api.js';
import { ErrorMessage } from '../../components/common.js';
import { FormView, Text } from '../../form/fields.js';
import { useSchemaForm } from '../../form/schema-form.js';
import { useI18n } from '../../i18n.js';
import { formatDate } from '../../labels.js';
import type { Agreement } from '../../types.js';

/** The server's today: the API compares the date with its UTC clock. */
const today = () => new Date().toISOString().slice(0, 10);

/** The Biro records that an agreement ended early: it leaves the evaluation lists for good. */
export function TerminatePanel({ agreement, onDone }: { agreement: Agreement; onDone(): void }) {
  const { t } = useI18n();
  const form = useSchemaForm({
    schema: terminationSchema,
    initial: { on: today(), reason: '' },
    idPrefix: 'term-',
  });
  const send = async (body: unknown) => {
    const { on } = form.values;
    const question = t(
      `Akhiri kerja sama ini per ${formatDate(on, 'id')}? Tindakan ini final.`,
      `Terminate this agreement as of ${formatDate(on, 'en')}? This is final.`,
    );
    if (!window.confirm(question)) return;
    await api('POST', `/api/agreements/${agreement.id}/terminate`, body);
    onDone();
  };
  return (
    <section class="card" aria-labelledby="term-h" data-testid="terminate">
      <h2 id="term-h">{t('Pengakhiran kerja sama', 'Termination')}</h2>
      <p class="muted">
        {t(
          'Catat bila kerja sama berakhir sebelum masa berlakunya habis, mis. atas kesepakatan para pihak.',
          'Record it when the agreement ends before its term, e.g. by agreement of the parties.',
        )}
      </p>
      <FormView form={form} onSubmit={() => form.submit(send)}>
        <div class="grid2">
          <Text
            path="on"
            type="date"
            label={t('Berakhir pada tanggal', 'Ends on')}
            attrs={{ min: agreement.lifecycle?.signedAt, max: today() }}
          />
        </div>
        <Text
          path="reason"
          multiline
          rows={2}
          label={t('Alasan pengakhiran', 'Reason for the termination')}
        />
        <ErrorMessage error={form.error} shownAt={form.shownAt} />
        <div class="actions">
          <button type="submit" class="danger" disabled={form.busy}>
            {t('Akhiri kerja sama', 'Terminate the agreement')}
          </button>
        </div>
      </FormView>
    </section>
  );
}
