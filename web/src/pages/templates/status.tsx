import { useI18n } from '../../i18n.js';
import type { CandidateView } from '../../types.js';

const STATUSES: Record<CandidateView['status'], [id: string, en: string, look: string]> = {
  pending: ['sedang diperiksa', 'being checked', 'warn'],
  valid: ['lolos pemeriksaan', 'valid', 'ok'],
  refused: ['ditolak', 'refused', 'bad'],
  active: ['aktif', 'active', 'ok'],
};

/** A candidate's status; an active one with the version it became. */
export function CandidateStatus({ status, version }: { status: CandidateView['status']; version?: number }) {
  const { t } = useI18n();
  const [id, en, look] = STATUSES[status];
  return (
    <span class={`badge ${look}`} data-status={status}>
      {t(id, en)}
      {status === 'active' && version !== undefined ? ` · v${version}` : ''}
    </span>
  );
}
