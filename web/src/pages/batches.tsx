import { useState } from 'preact/hooks';
import { ApiError, api } from '../api.js';
import { ErrorMessage, Loading, Section, UploadProgress, usePolled } from '../components/common.js';
import { useI18n } from '../i18n.js';
import { formatDate } from '../labels.js';
import { matchId, navigate, onLinkClick } from '../router.js';
import type { BatchView } from '../types.js';
import { requestAndSend } from '../upload.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Batch drafting at /batches (the workbook up) and /batches/{id} (its progress and result). */
export function BatchesArea({ path }: { path: string }) {
  const id = matchId('/batches/:id', path);
  return id ? <BatchProgress id={id} /> : <BatchUpload />;
}

function BatchUpload() {
  const { t } = useI18n();
  const [file, setFile] = useState<File>();
  const [progress, setProgress] = useState<number>();
  const [error, setError] = useState<unknown>();
  const send = async () => {
    if (!file) return;
    setError(undefined);
    if (file.type !== XLSX && !/\.xlsx$/i.test(file.name)) {
      setError(new ApiError(400, { id: 'Pilih buku kerja XLSX.', en: 'Choose an XLSX workbook.' }));
      return;
    }
    setProgress(0);
    try {
      const ticket = await requestAndSend<{ batchId: string }>('/api/batches', file, setProgress);
      navigate(`/batches/${ticket.batchId}`);
    } catch (e) {
      setError(e);
      setProgress(undefined);
    }
  };
  return (
    <>
      <h1>{t('Draf massal dari buku kerja', 'Batch drafting from a workbook')}</h1>
      <Section title={t('Unggah buku kerja', 'Upload a workbook')} id="batch-upload">
        <div class="field">
          <label for="batch-file">{t('Buku kerja (XLSX, maks. 5 MB)', 'Workbook (XLSX, max. 5 MB)')}</label>
          <input
            id="batch-file"
            type="file"
            accept={`${XLSX},.xlsx`}
            onChange={(e) => setFile(e.currentTarget.files?.[0])}
          />
        </div>
        <UploadProgress id="batch-upload-progress" progress={progress} />
        <ErrorMessage error={error} />
        <div class="actions">
          <button type="button" class="primary" disabled={!file || progress !== undefined} onClick={send}>
            {t('Unggah dan susun draf', 'Upload and draft')}
          </button>
        </div>
      </Section>
      <Section title={t('Isi buku kerja', 'What the workbook holds')} id="batch-format">
        <ul>
          <li>
            {t(
              'Lembar "shared": kolom "field" dan "value", satu baris per isian yang sama untuk semua draf.',
              'Sheet "shared": the columns "field" and "value", one row per field common to every draft.',
            )}
          </li>
          <li>
            {t(
              'Lembar "partners": baris pertama menamai satu isian per kolom, lalu satu baris per mitra (paling banyak 500).',
              'Sheet "partners": its first row names a field per column, then one row per partner (at most 500).',
            )}
          </li>
        </ul>
        <p>
          {t(
            'Isian dinamai dengan jalurnya dalam formulir, seperti pesan kesalahan menamainya: ',
            'A field is named by its path in the drafting form, as the error messages name it: ',
          )}
          <code>documentType</code>, <code>category</code>, <code>languages</code> (<code>id</code>{' '}
          {t('atau', 'or')} <code>id, en</code>), <code>title.id</code>, <code>title.en</code>,{' '}
          <code>fields</code> (<code>education, health</code>), <code>purpose.id</code>,{' '}
          <code>scope[0].id</code>, <code>obligations[1].items[0].id</code>, <code>durationYears</code>,{' '}
          <code>effectiveFrom</code> (<code>signing</code> {t('atau tanggal', 'or a date')}),{' '}
          <code>signing.place.id</code>, <code>parties[1].name.id</code>, <code>parties[1].country</code>,{' '}
          <code>parties[1].signatory.name</code>, <code>parties[1].signatory.position.id</code>,{' '}
          <code>parties[1].address</code>…
        </p>
        <p class="muted">
          {t(
            'Daftar kode ditulis dalam satu sel, dipisah koma. Setiap baris memakai isian bersama dengan sel barisnya di atasnya. Unit pemrakarsa adalah unit Anda; pihak pertama (daerah) dapat dikosongkan dan dilengkapi dari profil daerah. Baris yang salah dilaporkan dan tidak menghentikan baris lain; buku kerja tanpa lembar atau kepala kolom yang diharapkan ditolak seluruhnya.',
            "A list of codes is written in one cell, separated by commas. Each row's form is the shared fields with the row's cells over them. The initiating unit is yours; the first party (the region) may be left out, to be completed from the region's profile. A row with errors is reported and does not stop the others; a workbook without the expected sheets or headers is refused as a whole.",
          )}
        </p>
      </Section>
    </>
  );
}

const STATUSES: Record<BatchView['status'], [string, string, string]> = {
  pending: ['menunggu berkas dibaca', 'waiting for the file to be read', 'warn'],
  running: ['sedang menyusun draf', 'drafting', 'warn'],
  done: ['selesai', 'done', 'ok'],
  refused: ['ditolak', 'refused', 'bad'],
  failed: ['gagal', 'failed', 'bad'],
};

/** A batch's progress, polled while it runs; its reason if refused; its result workbook once done. */
function BatchProgress({ id }: { id: string }) {
  const { t, bi, lang } = useI18n();
  const page = usePolled(
    () => api<BatchView>('GET', `/api/batches/${id}`),
    [id],
    (b) => b.status === 'pending' || b.status === 'running',
  );
  const b = page.data;
  if (!b && page.loading) return <Loading />;
  if (!b) return <ErrorMessage error={page.error} />;
  const [sid, sen, look] = STATUSES[b.status];
  const recorded = b.done + b.failed;
  return (
    <>
      <header class="page-head">
        <p class="eyebrow">
          <a href="/batches" onClick={onLinkClick}>
            {t('Draf massal', 'Batch drafting')}
          </a>
        </p>
        <h1>{t('Draf massal', 'Batch')}</h1>
        <p>
          <span class={`badge ${look}`} data-status={b.status} data-testid="batch-status">
            {t(sid, sen)}
          </span>{' '}
          <span class="muted">
            {b.drafter.name} · {b.drafter.unit} · {formatDate(b.createdAt, lang, true)}
          </span>
        </p>
      </header>
      <Section title={t('Kemajuan', 'Progress')} id="batch-progress">
        {b.total > 0 && (
          <div class="progress-row">
            <label for="batch-rows">{t('Baris tercatat', 'Rows recorded')}</label>
            <progress id="batch-rows" max={b.total} value={recorded} />
          </div>
        )}
        <p data-testid="batch-counts" data-done={b.done} data-failed={b.failed} data-total={b.total}>
          {b.total > 0
            ? t(
                `${b.done} dari ${b.total} baris menjadi draf, ${b.failed} gagal`,
                `${b.done} of ${b.total} rows drafted, ${b.failed} failed`,
              )
            : t('Jumlah baris belum diketahui.', 'The number of rows is not known yet.')}
        </p>
        {b.reason && (
          <p class="alert error" role="alert" data-testid="batch-reason">
            {bi(b.reason)}
          </p>
        )}
        {b.links.result && (
          <p class="actions">
            <a class="button" href={b.links.result} data-testid="batch-result">
              {t('Unduh buku kerja hasil', 'Download the result workbook')}
            </a>
            <span class="muted">
              {t(
                'Setiap baris dengan nomor draf atau kesalahannya; tautan berlaku 5 menit.',
                "Each row with its draft's id or its errors; the link is valid for 5 minutes.",
              )}
            </span>
          </p>
        )}
        {b.status === 'done' && (
          <p>
            <a href="/inbox" onClick={onLinkClick}>
              {t('Lihat draf di kotak masuk', 'See the drafts in the inbox')}
            </a>
          </p>
        )}
        <ErrorMessage error={page.error} />
      </Section>
    </>
  );
}
