import { useState } from 'preact/hooks';
import { api, apiUpload } from '../api.js';
import { ErrorMessage, Loading, PdfInput, useAsync } from '../components/common.js';
import { useI18n } from '../i18n.js';
import { changesLabel, countryName, formatDate, typeLabel } from '../labels.js';
import type { PublicRecord, SignatureInfo, VerifiedId, VerifyResult } from '../types.js';

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
  const found = useAsync(() => api<VerifiedId>('GET', `/api/verify/${encodeURIComponent(id)}`), [id]);
  if (found.loading) return <Loading />;
  if (found.error || !found.data) return <ErrorMessage error={found.error} />;
  const data = found.data;
  if (data.kind === 'report') return <Report result={data} />;
  return (
    <>
      <p class="alert ok" role="status" data-testid="verify-verdict">
        {t('Naskah ini tercatat dalam arsip resmi.', 'This agreement is in the official archive.')}
      </p>
      <RecordView record={data} />
      <p class="muted">
        {t('Salinan arsip diperiksa ulang pada', 'The archived copy was checked again at')}{' '}
        {data.checkedAt.replace('T', ' ').slice(0, 19)} UTC
      </p>
      <Signatures signatures={data.signatures} />
      <ReportLink id={id} />
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

/** The bilingual PDF report of what the page shows. */
function ReportLink({ id }: { id: string }) {
  const { t } = useI18n();
  return (
    <p>
      <a
        href={`/api/verify/${encodeURIComponent(id)}/report.pdf`}
        target="_blank"
        rel="noopener"
        data-testid="report-pdf"
      >
        {t('Unduh laporan verifikasi (PDF)', 'Download the verification report (PDF)')}
      </a>
    </p>
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
      {result && <Report result={result} />}
    </section>
  );
}

/** What a file that the archive knows is, by the copy it is (Indonesian, English). */
const COPY_VERDICTS: Record<NonNullable<VerifyResult['copy']>, [string, string]> = {
  archived: [
    'Cocok: berkas ini sama persis dengan salinan yang diarsipkan.',
    'Match: this file is exactly the archived copy.',
  ],
  renewed: [
    'Cocok: berkas ini sama persis dengan salinan arsip yang cap waktunya diperbarui.',
    'Match: this file is exactly the archived copy with its timestamp renewed.',
  ],
  uploaded: [
    'Cocok: ini berkas bertanda tangan yang diunggah ke arsip. Arsip menyimpannya dengan cap waktu arsip ditambahkan; tanda tangannya sama.',
    'Match: this is the signed file uploaded to the archive. The archive keeps it with its archive timestamp added; the signatures are the same.',
  ],
};

/** The verdict on an uploaded file: its archive match and every signature's report. */
function Report({ result }: { result: VerifyResult }) {
  const { t } = useI18n();
  // A report kept from before copies were told apart says only whether it matched.
  const verdict = result.copy
    ? COPY_VERDICTS[result.copy]
    : result.matchesArchivedCopy
      ? COPY_VERDICTS.archived
      : undefined;
  return (
    <div aria-live="polite">
      <p class={`alert ${verdict ? 'ok' : 'error'}`} data-testid="verify-verdict">
        {verdict
          ? t(...verdict)
          : t('Tidak cocok dengan salinan arsip mana pun.', 'It matches no archived copy.')}
      </p>
      <p>
        SHA-256 <code class="hash">{result.sha256}</code>
      </p>
      {result.archived && <RecordView record={result.archived} />}
      <Signatures signatures={result.signatures} />
      <ReportLink id={result.reportId} />
    </div>
  );
}

function RecordView({ record: r }: { record: PublicRecord }) {
  const { t, bi, lang } = useI18n();
  // Reports kept from before the archive sealed its copies name none.
  const sealed = (r.copies ?? []).at(-1);
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
      {sealed && (
        <>
          <dt>{t('Cap waktu arsip', 'Archive timestamp')}</dt>
          <dd data-testid="archive-seal">
            {time(sealed.timestampedAt)}
            {t(', diperbarui sebelum ', ', renewed before ')}
            {formatDate(sealed.timestampValidUntil.slice(0, 10), lang)}
          </dd>
        </>
      )}
    </dl>
  );
}

const INDICATIONS = {
  TOTAL_PASSED: { css: 'ok', id: 'lulus', en: 'passed' },
  INDETERMINATE: { css: 'warn', id: 'belum dapat dipastikan', en: 'indeterminate' },
  TOTAL_FAILED: { css: 'bad', id: 'gagal', en: 'failed' },
} as const;

const SUB_INDICATIONS: Record<string, [string, string]> = {
  FORMAT_FAILURE: ['struktur tanda tangan rusak', 'the signature is malformed'],
  HASH_FAILURE: ['isi yang ditandatangani telah berubah', 'the signed content was altered'],
  SIG_CRYPTO_FAILURE: ['nilai tanda tangan tidak sah', 'the signature value does not verify'],
  REVOKED: ['sertifikat dicabut sebelum penandatanganan', 'the certificate was revoked before signing'],
  NOT_YET_VALID: ['sertifikat belum berlaku saat itu', 'the certificate was not yet valid then'],
  NO_CERTIFICATE_CHAIN_FOUND: ['sertifikat tidak berantai ke akar tepercaya', 'no chain to a trusted root'],
  REVOKED_NO_POE: [
    'sertifikat dicabut, tanpa bukti waktu sebelumnya',
    'revoked, with no proof of existence before',
  ],
  OUT_OF_BOUNDS_NO_POE: ['sertifikat kedaluwarsa, tanpa bukti waktu', 'expired, with no proof of existence'],
  TRY_LATER: ['status pencabutan belum tersedia', 'revocation status not available yet'],
};

const time = (iso: string | null) => (iso ? `${iso.replace('T', ' ').slice(0, 19)} UTC` : '—');

function Signatures({ signatures }: { signatures: SignatureInfo[] }) {
  const { t } = useI18n();
  if (!signatures.length)
    return <p class="muted">{t('Tidak ada tanda tangan digital.', 'No digital signatures.')}</p>;
  return (
    <ul class="signatures">
      {signatures.map((s, i) => {
        const indication = INDICATIONS[s.indication];
        const sub = s.subIndication ? SUB_INDICATIONS[s.subIndication] : undefined;
        return (
          <li key={i} data-testid="signature">
            {s.kind === 'timestamp' && (
              <span class="muted">{t('Cap waktu dokumen: ', 'Document time-stamp: ')}</span>
            )}
            <strong>{s.signer}</strong>{' '}
            <span class={`badge ${indication.css}`} data-testid="indication" title={s.indication}>
              {t(indication.id, indication.en)}
              {sub && ` — ${t(sub[0], sub[1])}`}
            </span>{' '}
            {s.level && <span class="badge ok">PAdES {s.level}</span>} <Coverage signature={s} />
            <dl class="record">
              <dt>{t('Waktu yang diklaim', 'Claimed time')}</dt>
              <dd>{time(s.claimedTime)}</dd>
              <dt>{t('Waktu yang terbukti', 'Proven time')}</dt>
              <dd>{time(s.provenTime)}</dd>
            </dl>
            <details>
              <summary>
                {t('Rantai sertifikat dan status pencabutan', 'Certificate chain and revocation')}
              </summary>
              <ol>
                {s.chain.map((c, j) => (
                  <li key={j}>
                    {c.subject}
                    {c.trustedRoot && <span class="badge ok">{t('akar tepercaya', 'trusted root')}</span>}{' '}
                    <span class="muted">
                      {c.notBefore.slice(0, 10)} – {c.notAfter.slice(0, 10)}
                    </span>
                  </li>
                ))}
              </ol>
              <ul>
                {s.revocation.map((r, j) => (
                  <li key={j}>
                    {r.certificate}: {r.status} ({r.source}
                    {r.type ? ` ${r.type}` : ''}
                    {r.thisUpdate ? `, ${time(r.thisUpdate)}` : ''})
                  </li>
                ))}
              </ul>
            </details>
          </li>
        );
      })}
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
