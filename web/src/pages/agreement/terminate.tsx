import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { ErrorMessage } from '../../components/common.js';
import { useI18n } from '../../i18n.js';
import { formatDate } from '../../labels.js';
import type { Agreement } from '../../types.js';

/** The server's today: the API compares the date with its UTC clock. */
const today = () => new Date().toISOString().slice(0, 10);

/** The Biro records that an agreement ended early: it leaves the evaluation lists for good. */
export function TerminatePanel({ agreement, onDone }: { agreement: Agreement; onDone(): void }) {
  const { t } = useI18n();
  const [on, setOn] = useState(today);
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const missing = {
    on: !on,
    reason: !reason.trim(),
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    setTried(true);
    setError(undefined);
    if (missing.on || missing.reason) return;
    const question = t(
      `Akhiri kerja sama ini per ${formatDate(on, 'id')}? Tindakan ini final.`,
      `Terminate this agreement as of ${formatDate(on, 'en')}? This is final.`,
    );
    if (!window.confirm(question)) return;
    setBusy(true);
    try {
      await api('POST', `/api/agreements/${agreement.id}/terminate`, { on, reason: reason.trim() });
      onDone();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  const required = t('wajib diisi', 'is required');
  return (
    <section class="card" aria-labelledby="term-h" data-testid="terminate">
      <h2 id="term-h">{t('Pengakhiran kerja sama', 'Termination')}</h2>
      <p class="muted">
        {t(
          'Catat bila kerja sama berakhir sebelum masa berlakunya habis, mis. atas kesepakatan para pihak.',
          'Record it when the agreement ends before its term, e.g. by agreement of the parties.',
        )}
      </p>
      <form onSubmit={submit} noValidate>
        <div class="grid2">
          <div class="field">
            <label for="term-on">{t('Berakhir pada tanggal', 'Ends on')}</label>
            <input
              id="term-on"
              type="date"
              value={on}
              min={agreement.lifecycle?.signedAt}
              max={today()}
              aria-invalid={(tried && missing.on) || undefined}
              onInput={(e) => setOn(e.currentTarget.value)}
            />
            {tried && missing.on && <p class="problems">{required}</p>}
          </div>
        </div>
        <div class="field">
          <label for="term-reason">{t('Alasan pengakhiran', 'Reason for the termination')}</label>
          <textarea
            id="term-reason"
            rows={2}
            value={reason}
            aria-invalid={(tried && missing.reason) || undefined}
            onInput={(e) => setReason(e.currentTarget.value)}
          />
          {tried && missing.reason && <p class="problems">{required}</p>}
        </div>
        <ErrorMessage error={error} />
        <div class="actions">
          <button type="submit" class="danger" disabled={busy}>
            {t('Akhiri kerja sama', 'Terminate the agreement')}
          </button>
        </div>
      </form>
    </section>
  );
}
