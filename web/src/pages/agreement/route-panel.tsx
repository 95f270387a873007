import { openSteps } from '../../../../shared/workflow/state-machine.js';
import { useI18n } from '../../i18n.js';
import { kindLabel, roleLabel } from '../../labels.js';
import type { Agreement } from '../../types.js';
import { isArchived } from './available.js';

/** The route taken, each step done, open or to come, and who acts next. */
export function RoutePanel({ agreement }: { agreement: Agreement }) {
  const { t, lang } = useI18n();
  const w = agreement.workflow;
  const next = openSteps(w);
  const unit = agreement.initiatingUnit.code;
  const who = (role: string) => `${roleLabel(role, lang)}${role.startsWith('opd_') ? ` ${unit}` : ''}`;
  const state = (stage: number, id: string) => {
    if (isArchived(agreement)) return 'done';
    if (w.stage === undefined) return 'todo';
    if (stage < w.stage || w.approvals.includes(id)) return 'done';
    return stage === w.stage && w.status !== 'changes_requested' ? 'open' : 'todo';
  };
  return (
    <section class="card" aria-labelledby="route-h">
      <h2 id="route-h">{t('Alur persetujuan', 'Approval route')}</h2>
      <p data-testid="next-actor">
        <strong>{t('Berikutnya: ', 'Next: ')}</strong>
        {next.length
          ? next.map((s) => `${who(s.role)} (${kindLabel(s.kind, lang)})`).join(t(' dan ', ' and '))
          : agreement.status === 'draft'
            ? `${who('opd_drafter')} (${t('mengajukan', 'submits')})`
            : t('tidak ada', 'nobody')}
      </p>
      {w.route ? (
        <ol class="route">
          {w.route.steps.map((s) => {
            const st = state(s.stage, s.id);
            return (
              <li key={s.id} class={`step ${st}`} aria-current={st === 'open' ? 'step' : undefined}>
                <span class="dot" aria-hidden="true" />
                <span>
                  {who(s.role)} · {kindLabel(s.kind, lang)}
                </span>
                <span class="muted">
                  {st === 'done'
                    ? t('selesai', 'done')
                    : st === 'open'
                      ? t('menunggu', 'waiting')
                      : `${s.dueDays} ${t('hari', 'days')}`}
                </span>
              </li>
            );
          })}
        </ol>
      ) : (
        <p class="muted">
          {t('Alur ditetapkan saat draf diajukan.', 'The route is fixed when the draft is submitted.')}
        </p>
      )}
    </section>
  );
}
