import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { ErrorMessage, Loading, useAsync } from '../../components/common.js';
import { useI18n } from '../../i18n.js';
import { formatDate } from '../../labels.js';
import type { AgreementView, SectionDiff } from '../../types.js';

/** Every version with its files, and an article-by-article comparison of two of them. */
export function Versions({ agreement }: { agreement: AgreementView }) {
  const { t, lang } = useI18n();
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
              <th>{t('Halaman', 'Pages')}</th>
              <th>{t('Berkas', 'Files')}</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.version}>
                <td>v{v.version}</td>
                <td>{formatDate(v.createdAt, lang, true)}</td>
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
    () => api<{ sections: SectionDiff[] }>('GET', `/api/agreements/${id}/diff?from=${from}&to=${to}`),
    [id, from, to],
  );
  if (diff.loading) return <Loading />;
  if (diff.error) return <ErrorMessage error={diff.error} />;
  const changed = diff.data?.sections.filter((s) => s.status !== 'unchanged') ?? [];
  const name = (s: SectionDiff) =>
    s.heading ? bi(s.heading) : (SECTION_NAMES[s.section]?.[lang === 'en' ? 1 : 0] ?? s.section);
  return (
    <div class="diff" data-testid="diff">
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
            </span>
          </h4>
          {s.changes && (
            <div class="diff-langs">
              {(['id', 'en'] as const)
                .filter((l) => s.changes?.[l])
                .map((l) => (
                  <p key={l} lang={l}>
                    {s.changes?.[l]?.map((c, i) =>
                      c.added ? (
                        <ins key={i}>{c.value}</ins>
                      ) : c.removed ? (
                        <del key={i}>{c.value}</del>
                      ) : (
                        <span key={i}>{c.value}</span>
                      ),
                    )}
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
