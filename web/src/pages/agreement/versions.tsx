import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { ErrorMessage, Loading, useAsync } from '../../components/common.js';
import { Words } from '../../components/words.js';
import { useI18n } from '../../i18n.js';
import { formatDate } from '../../labels.js';
import type { AgreementView, SectionDiff } from '../../types.js';
import type { Article } from './actions-panel.js';
import { DeviationBadge, DeviationList } from './deviations.js';

/** Every version with its files, and an article-by-article comparison of two of them. */
export function Versions({ agreement, articles }: { agreement: AgreementView; articles: Article[] }) {
  const { t, lang } = useI18n();
  const headings = new Map(articles.map((a) => [a.key, a.heading]));
  const versions = agreement.versions;
  const last = agreement.currentVersion;
  const [from, setFrom] = useState(Math.max(1, last - 1));
  const [to, setTo] = useState(last);
  return (
    <section class="card" aria-labelledby="versions-h">
      <h2 id="versions-h">{t('Versi', 'Versions')}</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>{t('Versi', 'Version')}</th>
              <th>{t('Dibuat', 'Created')}</th>
              <th>{t('Templat', 'Template')}</th>
              <th>{t('Perbedaan dari templat', 'Departures from the template')}</th>
              <th>{t('Halaman', 'Pages')}</th>
              <th>{t('Berkas', 'Files')}</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.version} data-version={v.version}>
                <td>v{v.version}</td>
                <td>{formatDate(v.createdAt, lang, true)}</td>
                <td>
                  {v.templateId} v{v.templateVersion}
                </td>
                <td data-testid={`deviations-v${v.version}`}>
                  <DeviationList deviations={v.deviations} headings={headings} />
                </td>
                <td>{v.pageCount}</td>
                <td class="links">
                  <a href={v.links.pdf} target="_blank" rel="noreferrer" data-testid={`pdf-v${v.version}`}>
                    PDF
                  </a>{' '}
                  <a href={v.links.docx} target="_blank" rel="noreferrer">
                    DOCX
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {versions.length > 1 && (
        <>
          <h3>{t('Bandingkan pasal demi pasal', 'Compare article by article')}</h3>
          <div class="inline">
            <VersionSelect label={t('Dari', 'From')} versions={versions} value={from} onChange={setFrom} />
            <VersionSelect label={t('ke', 'to')} versions={versions} value={to} onChange={setTo} />
          </div>
          <Diff id={agreement.id} from={from} to={to} />
        </>
      )}
    </section>
  );
}

const SECTION_NAMES: Record<string, [string, string]> = {
  opening: ['Pembukaan', 'Opening'],
  recitals: ['Pertimbangan', 'Recitals'],
  closing: ['Penutup', 'Closing'],
  signatures: ['Tanda tangan', 'Signatures'],
};

function Diff({ id, from, to }: { id: string; from: number; to: number }) {
  const { t, bi, lang } = useI18n();
  const diff = useAsync(
    () =>
      api<{ sections: SectionDiff[]; templateVersions: { from: number; to: number } }>(
        'GET',
        `/api/agreements/${id}/diff?from=${from}&to=${to}`,
      ),
    [id, from, to],
  );
  if (diff.loading) return <Loading />;
  if (diff.error) return <ErrorMessage error={diff.error} />;
  const changed = diff.data?.sections.filter((s) => s.status !== 'unchanged') ?? [];
  const name = (s: SectionDiff) =>
    s.heading ? bi(s.heading) : (SECTION_NAMES[s.section]?.[lang === 'en' ? 1 : 0] ?? s.section);
  return (
    <div class="diff" data-testid="diff">
      {diff.data && diff.data.templateVersions.from !== diff.data.templateVersions.to && (
        <p class="alert info">
          {t('Templat berganti', 'The template changed')}: v{diff.data.templateVersions.from} → v
          {diff.data.templateVersions.to}
        </p>
      )}
      {changed.length === 0 && <p class="muted">{t('Tidak ada perbedaan.', 'No differences.')}</p>}
      {changed.map((s) => (
        <article key={s.section} class={`diff-section ${s.status}`}>
          <h4>
            {name(s)}{' '}
            <span class="badge">
              {s.status === 'changed'
                ? t('diubah', 'changed')
                : s.status === 'added'
                  ? t('ditambah', 'added')
                  : t('dihapus', 'removed')}
            </span>{' '}
            {s.deviation && <DeviationBadge kind={s.deviation} />}
          </h4>
          {s.changes && (
            <div class="diff-langs">
              {(['id', 'en'] as const)
                .filter((l) => s.changes?.[l])
                .map((l) => (
                  <p key={l} lang={l}>
                    <Words changes={s.changes?.[l] ?? []} />
                  </p>
                ))}
            </div>
          )}
        </article>
      ))}
    </div>
  );
}

function VersionSelect(props: {
  label: string;
  versions: { version: number }[];
  value: number;
  onChange: (version: number) => void;
}) {
  return (
    <label>
      {props.label}{' '}
      <select value={String(props.value)} onChange={(e) => props.onChange(Number(e.currentTarget.value))}>
        {props.versions.map((v) => (
          <option key={v.version} value={String(v.version)}>
            v{v.version}
          </option>
        ))}
      </select>
    </label>
  );
}
