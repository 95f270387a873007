import { useState } from 'preact/hooks';
import { ApiError, apiUpload } from '../../api.js';
import { ErrorMessage, Section } from '../../components/common.js';
import { useI18n } from '../../i18n.js';
import type { ImportResult } from '../../types.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MAX_MB = 5;

/** The workbook's type: the browser's, else the one its extension names. */
function typeOf(file: File): string | undefined {
  if (file.type === XLSX || file.type === 'text/csv') return file.type;
  if (/\.xlsx$/i.test(file.name)) return XLSX;
  if (/\.csv$/i.test(file.name)) return 'text/csv';
  return undefined;
}

const OUTCOMES: Record<ImportResult['rows'][number]['outcome'], [id: string, en: string]> = {
  created: ['dibuat', 'created'],
  updated: ['diperbarui', 'updated'],
  unchanged: ['tidak berubah', 'unchanged'],
  failed: ['gagal', 'failed'],
};

/** Units and users from one workbook: each row applied on its own, the outcome of each shown. */
export function ImportsPage() {
  const { t } = useI18n();
  const [file, setFile] = useState<File>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [result, setResult] = useState<ImportResult>();
  const send = async () => {
    if (!file) return;
    const type = typeOf(file);
    setError(undefined);
    setResult(undefined);
    if (!type || file.size > MAX_MB * 1024 * 1024) {
      setError(
        new ApiError(400, {
          id: `Pilih buku kerja XLSX atau berkas CSV, paling besar ${MAX_MB} MB.`,
          en: `Choose an XLSX workbook or a CSV file of at most ${MAX_MB} MB.`,
        }),
      );
      return;
    }
    setBusy(true);
    await apiUpload<ImportResult>('/api/admin/imports', file, type).then(setResult, setError);
    setBusy(false);
  };
  return (
    <>
      <Section title={t('Impor unit dan pengguna', 'Import units and users')} id="import">
        <p class="muted">
          {t(
            'Buku kerja dengan lembar "units" (code, name_id, name_en, head_name, head_nip) dan "users" (name, email, nip, role, unit, username); CSV dengan bagian yang sama. Baris yang salah tidak mengubah apa pun dan tidak menghentikan baris lain; mengimpor berkas yang sama dua kali tidak mengubah apa pun.',
            'A workbook with the sheets "units" (code, name_id, name_en, head_name, head_nip) and "users" (name, email, nip, role, unit, username); a CSV with the same sections. A row with an error changes nothing and does not stop the others; importing the same file twice changes nothing.',
          )}
        </p>
        <div class="field">
          <label for="import-file">
            {t(`Berkas (XLSX atau CSV, maks. ${MAX_MB} MB)`, `File (XLSX or CSV, max. ${MAX_MB} MB)`)}
          </label>
          <input
            id="import-file"
            type="file"
            accept={`${XLSX},text/csv,.xlsx,.csv`}
            onChange={(e) => setFile(e.currentTarget.files?.[0])}
          />
        </div>
        <ErrorMessage error={error} />
        <div class="actions">
          <button type="button" class="primary" disabled={!file || busy} onClick={send}>
            {busy ? t('Mengimpor…', 'Importing…') : t('Impor', 'Import')}
          </button>
        </div>
      </Section>
      {result && <ImportOutcome result={result} />}
    </>
  );
}

function ImportOutcome({ result }: { result: ImportResult }) {
  const { t, bi } = useI18n();
  const count = (sheet: 'units' | 'users') =>
    (Object.keys(OUTCOMES) as (keyof typeof OUTCOMES)[])
      .map((o) => `${result[sheet][o]} ${t(...OUTCOMES[o])}`)
      .join(', ');
  return (
    <Section title={t('Hasil impor', 'Import result')} id="import-result">
      <dl class="record" data-testid="import-counts">
        <dt>{t('Unit', 'Units')}</dt>
        <dd>{count('units')}</dd>
        <dt>{t('Pengguna', 'Users')}</dt>
        <dd>{count('users')}</dd>
      </dl>
      <a class="button" href={result.links.result} data-testid="import-result-link">
        {t('Unduh lembar hasil', 'Download the result sheet')}
      </a>
      <div class="table-wrap">
        <table data-testid="import-rows">
          <thead>
            <tr>
              <th>{t('Lembar', 'Sheet')}</th>
              <th>{t('Baris', 'Row')}</th>
              <th>{t('Kunci', 'Key')}</th>
              <th>{t('Hasil', 'Outcome')}</th>
              <th>{t('Kesalahan', 'Error')}</th>
            </tr>
          </thead>
          <tbody>
            {result.rows.map((r) => (
              <tr key={`${r.sheet}-${r.row}`} class={r.outcome === 'failed' ? 'failed' : undefined}>
                <td>{r.sheet}</td>
                <td>{r.row}</td>
                <td>
                  <code>{r.key}</code>
                </td>
                <td data-outcome={r.outcome}>{t(...OUTCOMES[r.outcome])}</td>
                <td>{typeof r.error === 'string' ? r.error : bi(r.error)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}
