import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { ErrorMessage, Loading, Section, usePolled } from '../../components/common.js';
import { Words } from '../../components/words.js';
import { useI18n } from '../../i18n.js';
import { categoryLabel, formatDate, typeLabel } from '../../labels.js';
import { mayManageTemplates } from '../../permissions.js';
import { onLinkClick } from '../../router.js';
import { useUser } from '../../session-context.js';
import type { CandidateView } from '../../types.js';
import { CandidateStatus } from './status.js';

type Part = CandidateView['diff'][number];
type ClauseChange = NonNullable<Part['clauses']>[number];
type TextChanges = NonNullable<Part['changes']>;

const PART_NAMES: Record<string, [string, string]> = {
  name: ['Nama naskah', 'Document name'],
  heading: ['Judul naskah', 'Title line'],
  opening: ['Pembukaan', 'Opening'],
  recitals: ['Pertimbangan', 'Recitals'],
  closing: ['Penutup', 'Closing'],
  signature: ['Blok tanda tangan', 'Signature block'],
  file: ['Berkas', 'File'],
};

const STATUS_WORDS: Record<Part['status'], [string, string]> = {
  added: ['ditambah', 'added'],
  removed: ['dihapus', 'removed'],
  changed: ['diubah', 'changed'],
};

/** An uploaded template: its check (polled while pending), report, clause diff, samples and activation. */
export function CandidatePage({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const user = useUser();
  const page = usePolled(
    () => api<CandidateView>('GET', `/api/templates/candidates/${id}`),
    [id],
    (c) => c.status === 'pending',
  );
  const c = page.data;
  if (!c && page.loading) return <Loading />;
  if (!c) return <ErrorMessage error={page.error} />;
  return (
    <>
      <header class="page-head">
        <p class="eyebrow">
          <a href="/templates" onClick={onLinkClick}>
            {t('Pustaka templat', 'Template library')}
          </a>
        </p>
        <h1>
          {t('Kandidat templat', 'Template candidate')}
          {c.documentType ? ` · ${typeLabel(c.documentType, lang)}` : ''}
        </h1>
        <p data-testid="candidate-status">
          <CandidateStatus status={c.status} version={c.version} />
        </p>
        <dl class="record">
          <dt>{t('Diunggah', 'Uploaded')}</dt>
          <dd>
            {c.uploadedBy.name}, {formatDate(c.uploadedAt, lang, true)}
          </dd>
          {c.checkedAt && (
            <>
              <dt>{t('Diperiksa', 'Checked')}</dt>
              <dd>
                {formatDate(c.checkedAt, lang, true)}
                {c.basedOn !== undefined &&
                  ` · ${t('dibandingkan dengan versi', 'compared with version')} ${c.basedOn}`}
              </dd>
            </>
          )}
          {c.activatedBy && c.activatedAt && (
            <>
              <dt>{t('Diaktifkan', 'Activated')}</dt>
              <dd>
                {c.activatedBy.name}, {formatDate(c.activatedAt, lang, true)}
              </dd>
            </>
          )}
        </dl>
      </header>
      {c.status === 'pending' && (
        <p class="alert info" aria-live="polite" data-testid="checking">
          {t(
            'Berkas sedang diperiksa dan contohnya dirender; halaman ini diperbarui sendiri.',
            'The file is being checked and its samples rendered; this page updates itself.',
          )}
        </p>
      )}
      {c.status === 'valid' && mayManageTemplates(user) && <Activate id={id} onDone={page.reload} />}
      {c.status !== 'pending' && <Problems problems={c.report.problems} />}
      {c.diff.length > 0 && <TemplateDiff diff={c.diff} basedOn={c.basedOn} />}
      {c.status === 'valid' && c.diff.length === 0 && (
        <p class="card muted">
          {t('Tidak berbeda dari versi yang berlaku.', 'No different from the version in force.')}
        </p>
      )}
      {c.report.samples.length > 0 && <Samples samples={c.report.samples} />}
    </>
  );
}

/** Activation by a Biro head or admin other than the uploader; the API's 403 and 409 said as it says them. */
function Activate({ id, onDone }: { id: string; onDone(): void }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const activate = async () => {
    if (!window.confirm(t('Aktifkan templat ini untuk draf baru?', 'Activate this template for new drafts?')))
      return;
    setBusy(true);
    setError(undefined);
    await api('POST', `/api/templates/candidates/${id}/activate`).then(onDone, setError);
    setBusy(false);
  };
  return (
    <section class="card" aria-labelledby="activate-h">
      <h2 id="activate-h">{t('Aktivasi', 'Activation')}</h2>
      <p class="muted">
        {t(
          'Setelah diaktifkan, draf baru memakai versi ini; draf yang ada tetap memakai versinya. Yang mengunggah tidak dapat mengaktifkannya sendiri (empat mata).',
          'Once activated, new drafts use this version; existing drafts keep theirs. Whoever uploaded it cannot activate it (four eyes).',
        )}
      </p>
      <div class="actions">
        <button type="button" class="primary" disabled={busy} onClick={activate}>
          {t('Aktifkan', 'Activate')}
        </button>
      </div>
      <ErrorMessage error={error} />
    </section>
  );
}

function Problems({ problems }: { problems: CandidateView['report']['problems'] }) {
  const { t, bi, lang } = useI18n();
  return (
    <Section title={t('Laporan pemeriksaan', 'Validation report')} id="report">
      {problems.length === 0 ? (
        <p class="alert ok" data-testid="no-problems">
          {t('Tidak ada masalah.', 'No problems found.')}
        </p>
      ) : (
        <div class="table-wrap">
          <table data-testid="problems">
            <thead>
              <tr>
                <th>{t('Bagian / pasal', 'Part / article')}</th>
                <th>{t('Klausul', 'Clause')}</th>
                <th>{t('Baris', 'Line')}</th>
                <th>{t('Isian', 'Field')}</th>
                <th>{t('Masalah', 'Problem')}</th>
              </tr>
            </thead>
            <tbody>
              {problems.map((p, i) => (
                <tr key={i}>
                  <td>
                    {p.article ? (
                      <code>{p.article}</code>
                    ) : p.section ? (
                      (PART_NAMES[p.section]?.[lang === 'en' ? 1 : 0] ?? p.section)
                    ) : (
                      ''
                    )}
                  </td>
                  <td>{p.clause ?? ''}</td>
                  <td>{p.line ?? ''}</td>
                  <td>{p.path && <code>{p.path}</code>}</td>
                  <td>{bi(p.message)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}

/** What the candidate changes against the version it was checked against, clause by clause. */
function TemplateDiff({ diff, basedOn }: { diff: Part[]; basedOn: number | undefined }) {
  const { t, bi, lang } = useI18n();
  const name = (p: Part) =>
    p.article
      ? `${p.heading ? bi(p.heading) : p.article} (${p.article})`
      : (PART_NAMES[p.section ?? '']?.[lang === 'en' ? 1 : 0] ?? p.section ?? '');
  return (
    <Section
      title={`${t('Perbandingan dengan versi', 'Compared with version')} ${basedOn ?? ''}`}
      id="template-diff"
    >
      <div class="diff" data-testid="template-diff">
        {diff.map((p) => (
          <article
            key={`${p.section ?? ''}/${p.article ?? ''}`}
            class={`diff-section ${p.status}`}
            data-part={p.article ?? p.section}
          >
            <h3>
              {name(p)} <span class="badge">{t(...STATUS_WORDS[p.status])}</span>
              {p.moved && <span class="badge">{t('dipindah', 'moved')}</span>}
            </h3>
            {p.changes && <ChangedText changes={p.changes} />}
            {p.clauses?.map((c) => (
              <Clause key={`${c.before ?? ''}-${c.after ?? ''}`} clause={c} />
            ))}
          </article>
        ))}
      </div>
    </Section>
  );
}

function Clause({ clause: c }: { clause: ClauseChange }) {
  const { t } = useI18n();
  const where =
    c.before !== undefined && c.after !== undefined && c.before !== c.after
      ? `${c.before} → ${c.after}`
      : String(c.after ?? c.before ?? '');
  return (
    <div class={`clause ${c.status}`} data-clause={where}>
      <h4>
        {t('Klausul', 'Clause')} {where} <span class="badge">{t(...STATUS_WORDS[c.status])}</span>
      </h4>
      {c.text && (
        <div class="diff-langs">
          {(['id', 'en'] as const)
            .filter((l) => c.text?.[l] !== undefined)
            .map((l) =>
              c.status === 'added' ? (
                <p key={l} lang={l}>
                  <ins>{c.text?.[l]}</ins>
                </p>
              ) : (
                <p key={l} lang={l}>
                  <del>{c.text?.[l]}</del>
                </p>
              ),
            )}
        </div>
      )}
      {c.changes && <ChangedText changes={c.changes} />}
    </div>
  );
}

/** Word changes side by side: Indonesian, English, and the conditions (when, each, optional) if they changed. */
function ChangedText({ changes }: { changes: TextChanges }) {
  const { t } = useI18n();
  return (
    <div class="diff-langs">
      {(['id', 'en', 'conditions'] as const)
        .filter((f) => changes[f])
        .map((f) => (
          <p key={f} lang={f === 'conditions' ? undefined : f}>
            {f === 'conditions' && <strong>{t('Syarat: ', 'Conditions: ')}</strong>}
            <Words changes={changes[f] ?? []} />
          </p>
        ))}
    </div>
  );
}

/** The sample PDFs and DOCX rendered from the candidate with fictional data, per category and language. */
function Samples({ samples }: { samples: CandidateView['report']['samples'] }) {
  const { t, lang } = useI18n();
  return (
    <Section title={t('Contoh dengan data fiktif', 'Samples with fictional data')} id="samples">
      <p class="muted">
        {t(
          'Tautan berlaku 5 menit; muat ulang halaman untuk tautan baru.',
          'Links are valid for 5 minutes; reload the page for new ones.',
        )}
      </p>
      <div class="table-wrap">
        <table data-testid="samples">
          <thead>
            <tr>
              <th>{t('Kategori', 'Category')}</th>
              <th>{t('Bahasa', 'Languages')}</th>
              <th>{t('Halaman', 'Pages')}</th>
              <th>{t('Berkas', 'Files')}</th>
            </tr>
          </thead>
          <tbody>
            {samples.map((s) => (
              <tr key={`${s.category}-${s.languages.join('-')}`}>
                <td>{categoryLabel(s.category, lang)}</td>
                <td>{s.languages.map((l) => l.toUpperCase()).join(' + ')}</td>
                <td>{s.pdf.pages}</td>
                <td class="links">
                  <a href={s.links.pdf} target="_blank" rel="noreferrer" data-testid="sample-pdf">
                    {t('Pratinjau PDF', 'Preview PDF')}
                  </a>{' '}
                  <a href={s.links.docx} rel="noreferrer">
                    {t('Unduh DOCX', 'Download DOCX')}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}
