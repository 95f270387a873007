import { useState } from 'preact/hooks';
import { ApiError, api, query, saveFrom } from '../../api.js';
import { ErrorMessage, MoreButton, Section, UploadProgress, useMore } from '../../components/common.js';
import { useI18n } from '../../i18n.js';
import { formatDate, typeLabel } from '../../labels.js';
import { mayManageTemplates } from '../../permissions.js';
import { navigate, onLinkClick } from '../../router.js';
import { useUser } from '../../session-context.js';
import type { TemplateListing } from '../../types.js';
import { requestAndSend } from '../../upload.js';
import { CandidateStatus } from './status.js';

type Candidate = TemplateListing['candidates'][number];

/**
 * The Biro's template library: the version in force per document type, the uploaded candidates
 * newest first, and (Biro head, admin) uploading a new template file to be checked.
 */
export function LibraryPage() {
  const { t, lang } = useI18n();
  const user = useUser();
  const list = useMore<Candidate, TemplateListing & { items: Candidate[] }>(
    (cursor) =>
      api<TemplateListing>('GET', `/api/templates${query({ cursor })}`).then((page) => ({
        ...page,
        items: page.candidates,
      })),
    [],
  );
  const active = list.pages[0]?.active ?? [];
  return (
    <>
      <h1>{t('Pustaka templat', 'Template library')}</h1>
      <ErrorMessage error={list.error} />
      <Section title={t('Versi yang berlaku', 'Versions in force')} id="active-templates">
        <div class="table-wrap">
          <table data-testid="active-templates">
            <thead>
              <tr>
                <th>{t('Jenis naskah', 'Document type')}</th>
                <th>{t('Versi', 'Version')}</th>
                <th>{t('Asal', 'Source')}</th>
              </tr>
            </thead>
            <tbody>
              {active.map((a) => (
                <tr key={a.documentType} data-type={a.documentType}>
                  <td>{typeLabel(a.documentType, lang)}</td>
                  <td data-testid="active-version">v{a.version}</td>
                  <td>
                    {'builtIn' in a ? (
                      t('bawaan sistem', 'built in')
                    ) : (
                      <>
                        {t('diunggah oleh', 'uploaded by')} {a.uploadedBy.name},{' '}
                        {t('diaktifkan oleh', 'activated by')} {a.activatedBy.name}{' '}
                        {formatDate(a.activatedAt, lang, true)} ·{' '}
                        <a href={`/templates/${a.candidateId}`} onClick={onLinkClick}>
                          {t('laporan', 'report')}
                        </a>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <SchemaLink />
      </Section>
      {mayManageTemplates(user) && <Upload />}
      <Section title={t('Kandidat (terbaru dahulu)', 'Candidates (newest first)')} id="candidates">
        {list.items.length === 0 && !list.loading && (
          <p class="muted">{t('Belum ada templat yang diunggah.', 'No template has been uploaded yet.')}</p>
        )}
        {list.items.length > 0 && (
          <div class="table-wrap">
            <table data-testid="candidates">
              <thead>
                <tr>
                  <th>{t('Diunggah', 'Uploaded')}</th>
                  <th>{t('Oleh', 'By')}</th>
                  <th>{t('Jenis', 'Type')}</th>
                  <th>{t('Status', 'Status')}</th>
                  <th>{t('Perubahan', 'Changes')}</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((c) => (
                  <tr key={c.candidateId} data-candidate={c.candidateId}>
                    <td>
                      <a href={`/templates/${c.candidateId}`} onClick={onLinkClick}>
                        {formatDate(c.uploadedAt, lang, true)}
                      </a>
                    </td>
                    <td>{c.uploadedBy.name}</td>
                    <td>
                      {c.documentType ?? '—'}
                      {c.basedOn !== undefined && (
                        <span class="muted">
                          {' '}
                          ({t('terhadap', 'against')} v{c.basedOn})
                        </span>
                      )}
                    </td>
                    <td>
                      <CandidateStatus status={c.status} version={c.version} />
                    </td>
                    <td>
                      {c.report?.changes &&
                        t(
                          `${c.report.changes.changed} diubah, ${c.report.changes.added} ditambah, ${c.report.changes.removed} dihapus`,
                          `${c.report.changes.changed} changed, ${c.report.changes.added} added, ${c.report.changes.removed} removed`,
                        )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <MoreButton list={list} />
      </Section>
    </>
  );
}

/** The JSON Schema a template file must meet, for editors that check YAML as it is typed. */
function SchemaLink() {
  const { t } = useI18n();
  const [error, setError] = useState<unknown>();
  return (
    <div class="actions">
      <button
        type="button"
        onClick={() => saveFrom('/api/templates/schema', 'template.schema.json').catch(setError)}
      >
        {t('Unduh skema berkas templat (JSON Schema)', 'Download the template file schema (JSON Schema)')}
      </button>
      <ErrorMessage error={error} />
    </div>
  );
}

/** A template file up through its presigned form; its candidate page then shows the check. */
function Upload() {
  const { t } = useI18n();
  const [file, setFile] = useState<File>();
  const [progress, setProgress] = useState<number>();
  const [error, setError] = useState<unknown>();
  const send = async () => {
    if (!file) return;
    setError(undefined);
    if (!/\.ya?ml$/i.test(file.name)) {
      setError(
        new ApiError(400, {
          id: 'Pilih berkas templat YAML (.yaml atau .yml).',
          en: 'Choose a YAML template file (.yaml or .yml).',
        }),
      );
      return;
    }
    setProgress(0);
    try {
      const ticket = await requestAndSend<{ candidateId: string }>(
        '/api/templates/uploads',
        file,
        setProgress,
      );
      navigate(`/templates/${ticket.candidateId}`);
    } catch (e) {
      setError(e);
      setProgress(undefined);
    }
  };
  return (
    <Section title={t('Unggah templat', 'Upload a template')} id="upload-template">
      <p class="muted">
        {t(
          'Berkas YAML satu jenis naskah (maks. 1 MB). Berkas diperiksa (skema, pasal wajib, placeholder, teks Inggris, contoh PDF dan DOCX) dan dibandingkan klausul demi klausul dengan versi yang berlaku. Kepala Biro atau admin lain yang mengaktifkannya.',
          'A YAML file of one document type (max. 1 MB). It is checked (schema, required articles, placeholders, English text, sample PDF and DOCX) and compared clause by clause with the version in force. Another Biro head or admin activates it.',
        )}
      </p>
      <div class="field">
        <label for="template-file">{t('Berkas templat (YAML)', 'Template file (YAML)')}</label>
        <input
          id="template-file"
          type="file"
          accept=".yaml,.yml,application/yaml"
          onChange={(e) => setFile(e.currentTarget.files?.[0])}
        />
      </div>
      <UploadProgress id="template-progress" progress={progress} />
      <ErrorMessage error={error} />
      <div class="actions">
        <button type="button" class="primary" disabled={!file || progress !== undefined} onClick={send}>
          {t('Unggah dan periksa', 'Upload and check')}
        </button>
      </div>
    </Section>
  );
}
