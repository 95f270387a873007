import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api.js';
import { ErrorMessage, PdfInput, UploadProgress } from '../../components/common.js';
import { useI18n } from '../../i18n.js';
import type { Agreement } from '../../types.js';
import { uploadSignedCopy, type Verdict } from '../../upload.js';

/**
 * The signer's digital signature (PAdES) at the route's signing step. Where the signer's keys live with
 * a remote signing service (BSrE, CSC: GET /api/me says so), their passphrase is asked each time, sent
 * with this one request and forgotten: the field is emptied whatever the answer.
 */
export function SignPanel({ agreement, onDone }: { agreement: Agreement; onDone(): void }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [asks, setAsks] = useState<boolean>();
  const [passphrase, setPassphrase] = useState('');
  useEffect(() => {
    api<{ signing?: { passphrase: boolean } }>('GET', '/api/me').then(
      (me) => setAsks(me.signing?.passphrase === true),
      setError,
    );
  }, []);
  const sign = () => {
    setBusy(true);
    setError(undefined);
    const body = { version: agreement.currentVersion, ...(asks ? { passphrase } : {}) };
    setPassphrase('');
    api('POST', `/api/agreements/${agreement.id}/sign`, body).then(onDone, (e) => {
      setError(e);
      setBusy(false);
    });
  };
  return (
    <div class="sign">
      <p>
        {t(
          'Tanda tangan elektronik Anda beserta kode QR verifikasi akan dibubuhkan pada PDF.',
          'Your electronic signature with a verification QR code will be applied to the PDF.',
        )}
      </p>
      {asks && (
        <label>
          {t('Passphrase tanda tangan elektronik', 'Electronic signature passphrase')}
          <input
            type="password"
            name="passphrase"
            autocomplete="off"
            value={passphrase}
            onInput={(e) => setPassphrase(e.currentTarget.value)}
          />
        </label>
      )}
      <ErrorMessage error={error} />
      <button
        type="button"
        class="primary"
        disabled={busy || asks === undefined || (asks && !passphrase)}
        onClick={sign}
      >
        {busy ? t('Menandatangani…', 'Signing…') : t('Tanda tangani secara digital', 'Sign digitally')}
      </button>
    </div>
  );
}

/** The partner's signed copy (often scanned from paper), uploaded by the Biro and checked on arrival. */
export function UploadPanel({ agreement, onDone }: { agreement: Agreement; onDone(): void }) {
  const { t } = useI18n();
  const [file, setFile] = useState<File>();
  const [progress, setProgress] = useState<number>();
  const [verdict, setVerdict] = useState<Verdict>();
  const [error, setError] = useState<unknown>();
  const upload = async () => {
    if (!file) return;
    setError(undefined);
    setVerdict(undefined);
    setProgress(0);
    try {
      const result = await uploadSignedCopy(agreement.id, file, setProgress);
      setVerdict(result);
      if (result.status === 'accepted') setTimeout(onDone, 1500);
    } catch (e) {
      setError(e);
      setProgress(undefined);
    }
  };
  return (
    <div class="upload">
      <h3>{t('Unggah naskah yang ditandatangani mitra', 'Upload the copy signed by the partner')}</h3>
      <PdfInput
        id="signed-copy"
        label={t('Berkas PDF hasil pindaian (maks. 25 MB)', 'Scanned PDF file (max. 25 MB)')}
        onFile={setFile}
      />
      <button
        type="button"
        class="primary"
        disabled={!file || (progress !== undefined && !verdict && !error)}
        onClick={upload}
      >
        {t('Unggah', 'Upload')}
      </button>
      <UploadProgress id="upload-progress" progress={progress} />
      {progress === 1 && !verdict && !error && (
        <p aria-live="polite">{t('Sedang diperiksa…', 'Being checked…')}</p>
      )}
      {verdict?.status === 'accepted' && (
        <p class="alert ok" role="status" data-testid="upload-verdict">
          {t('Diterima dan diarsipkan.', 'Accepted and archived.')}
        </p>
      )}
      {verdict?.status === 'quarantined' && (
        <p class="alert error" role="alert" data-testid="upload-verdict">
          {t('Ditolak dan dikarantina: ', 'Refused and quarantined: ')}
          {verdict.reason}
        </p>
      )}
      {verdict?.status === 'failed' && (
        <p class="alert error" role="alert" data-testid="upload-verdict">
          {t('Gagal diperiksa; silakan unggah ulang: ', 'Could not be checked; please upload again: ')}
          {verdict.reason}
        </p>
      )}
      <ErrorMessage error={error} />
    </div>
  );
}
