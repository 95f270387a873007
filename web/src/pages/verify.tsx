import { useState } from 'preact/hooks';
import { api, apiUpload } from '../api.js';
import { ErrorMessage, Loading, PdfInput, useAsync } from '../components/common.js';
import { useI18n } from '../i18n.js';
import { changesLabel, countryName, formatDate, typeLabel } from '../labels.js';
import type { PublicRecord, SignatureInfo, VerifyResult } from '../types.js';

/**
 * Public verification: anyone may check a signed copy against the archive (upload the PDF), or open
 * what a signature's QR code points to (/verify/{id}). No sign-in.
 */
export function VerifyPage({ id }: { id?: string }) {
  const { t } = useI18n();
  return (
    <div class="narrow">
      <h1>{t('Verifikasi naskah kerja sama', 'Verify a cooperation agreement')}</h1>
      {id ? <ByQrCode id={id} /> : <ByFile />}
    </div>
  );
}

function ByQrCode({ id }: { id: string }) {
  const { t } = useI18n();
  const record = useAsync(() => api<PublicRecord>('GET', `/api/verify/${encodeURIComponent(id)}`), [id]);
  if (record.loading) return <Loading />;
  if (record.error || !record.data) return <ErrorMessage error={record.error} />;
  return (
    <>
      <p class="alert ok" role="status" data-testid="verify-verdict">
        {t('Naskah ini tercatat dalam arsip resmi.', 'This agreement is in the official archive.')}
      </p>
      <RecordView record={record.data} />
      <Signatures signatures={record.data.signatures} />
      <p>
        {t(
          'Untuk memastikan salinan Anda tidak diubah, unggah PDF-nya:',
          'To make sure your copy is unaltered, upload its PDF:',
        )}
      </p>
      <ByFile />
    </>
  );
}

function ByFile() {
  const { t } = useI18n();
  const [result, setResult] = useState<VerifyResult>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const check = (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    apiUpload<VerifyResult>('/api/verify', file, 'application/pdf')
      .then(setResult, setError)
      .finally(() => setBusy(false));
  };
  return (
    <section class="card">
      <PdfInput
        id="verify-file"
        label={t('Berkas PDF bertanda tangan (maks. 5 MB)', 'Signed PDF file (max. 5 MB)')}
        onFile={check}
      />
      {busy && <Loading />}
      <ErrorMessage error={error} />
      {result && (
        <div aria-live="polite">
          {result.matchesArchivedCopy ? (
            <p class="alert ok" data-testid="verify-verdict">
              {t(
                'Cocok: berkas ini sama persis dengan salinan yang diarsipkan.',
                'Match: this file is exactly the archived copy.',
              )}
            </p>
          ) : (
            <p class="alert error" data-testid="verify-verdict">
              {t('Tidak cocok dengan salinan arsip mana pun.', 'It matches no archived copy.')}
            </p>
          )}
          <p>
            SHA-256 <code class="hash">{result.sha256}</code>
          </p>
          {result.archived && <RecordView record={result.archived} />}
          <Signatures signatures={result.signatures} />
        </div>
      )}
    </section>
  );
}

function RecordView({ record: r }: { record: PublicRecord }) {
  const { t, bi, lang } = useI18n();
  return (
    <dl class="record" data-testid="verify-record">
      <dt>{t('Judul', 'Title')}</dt>
      <dd>{bi(r.title)}</dd>
      <dt>{t('Jenis', 'Type')}</dt>
      <dd>
        {typeLabel(r.documentType, lang)} ({r.category})
      </dd>
      <dt>{t('Para pihak', 'Parties')}</dt>
      <dd>{r.parties.map((p) => `${bi(p.name)} (${countryName(p.country, lang)})`).join('; ')}</dd>
      <dt>{t('Ditandatangani', 'Signed')}</dt>
      <dd>{formatDate(r.signedAt, lang)}</dd>
      <dt>{t('Berlaku', 'Valid')}</dt>
      <dd>
        {formatDate(r.validFrom, lang)} – {r.validUntil ? formatDate(r.validUntil, lang) : '…'}
      </dd>
      <dt>SHA-256</dt>
      <dd>
        <code class="hash">{r.sha256}</code>
      </dd>
    </dl>
  );
}

function Signatures({ signatures }: { signatures: SignatureInfo[] }) {
  const { t, lang } = useI18n();
  if (!signatures.length)
    return <p class="muted">{t('Tidak ada tanda tangan digital.', 'No digital signatures.')}</p>;
  return (
    <ul class="signatures">
      {signatures.map((s, i) => (
        <li key={i}>
          <strong>{s.signer}</strong>{' '}
          {s.signedAt && <span class="muted">{formatDate(s.signedAt, lang, true)}</span>}{' '}
          <span class={`badge ${s.valid ? 'ok' : 'bad'}`}>
            {s.valid ? t('sah', 'valid') : t('tidak sah', 'invalid')}
          </span>{' '}
          <span class={`badge ${s.trusted ? 'ok' : 'warn'}`}>
            {s.trusted
              ? t('sertifikat terpercaya', 'trusted certificate')
              : t('sertifikat tidak dikenal', 'unknown certificate')}
          </span>{' '}
          <Coverage signature={s} />
        </li>
      ))}
    </ul>
  );
}

/**
 * Whether the signature covers the whole file, and if not what was changed after it: more
 * signatures and validation data are expected; anything else after signing is a warning.
 */
function Coverage({ signature: s }: { signature: SignatureInfo }) {
  const { t, lang } = useI18n();
  if (s.coversWholeDocument === undefined) return null;
  const kind = s.coversWholeDocument ? 'none' : (s.changesAfter?.kind ?? 'content');
  if (kind === 'none' || kind === 'signatures') {
    return (
      <span class="badge ok" data-testid="coverage">
        {kind === 'none'
          ? t('mencakup seluruh berkas', 'covers the whole file')
          : t(
              'setelahnya hanya tanda tangan atau data validasi',
              'followed only by signatures or validation data',
            )}
      </span>
    );
  }
  const pages = s.changesAfter?.pages ?? [];
  return (
    <span class="badge bad" data-testid="coverage">
      {t('diubah setelah ditandatangani: ', 'changed after signing: ')}
      {changesLabel(kind, lang)}
      {pages.length > 0 && ` (${t('halaman', pages.length > 1 ? 'pages' : 'page')} ${pages.join(', ')})`}
    </span>
  );
}
