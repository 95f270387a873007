import type { Deviation } from '../../../../shared/documents/negotiation.js';
import { useI18n } from '../../i18n.js';

const KINDS: Record<Deviation['kind'], [id: string, en: string]> = {
  changed: ['teks diubah dari templat', 'text changed from the template'],
  added: ['ditambahkan, tidak ada dalam templat', 'added, not in the template'],
  removed: ['dihapus dari templat', 'left out of the template'],
};

/** How a version's article departs from its template: negotiated wording. */
export function DeviationBadge({ kind }: { kind: Deviation['kind'] }) {
  const { t } = useI18n();
  return (
    <span class="badge warn" data-deviation={kind}>
      {t(...KINDS[kind])}
    </span>
  );
}

/** A version's deviations, each article named by its heading where the page knows it. */
export function DeviationList(props: {
  deviations: readonly Deviation[];
  headings: ReadonlyMap<string, { id: string; en?: string }>;
}) {
  const { t, bi } = useI18n();
  if (!props.deviations.length) return <span class="muted">{t('sesuai templat', 'as the template')}</span>;
  return (
    <ul class="deviations">
      {props.deviations.map((d) => {
        const heading = props.headings.get(d.key);
        return (
          <li key={d.key} data-key={d.key}>
            {heading ? `${bi(heading)} ` : ''}
            <code>{d.key}</code> <DeviationBadge kind={d.kind} />
          </li>
        );
      })}
    </ul>
  );
}
