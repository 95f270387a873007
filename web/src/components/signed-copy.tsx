import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { useI18n } from '../i18n.js';
import { ErrorMessage } from './common.js';

/** The archived signed PDF: each click asks for a five-minute link, and the download is audited. */
export function SignedCopy({ agreementId }: { agreementId: string }) {
  const { t } = useI18n();
  const [link, setLink] = useState<{ url: string; sha256: string }>();
  const [error, setError] = useState<unknown>();
  const request = () =>
    api<{ url: string; sha256: string }>('POST', `/api/archive/${agreementId}/download`).then(
      setLink,
      setError,
    );
  return (
    <>
      {link ? (
        <a class="button" href={link.url} target="_blank" rel="noreferrer" data-testid="signed-pdf">
          {t('Buka PDF bertanda tangan', 'Open the signed PDF')}
        </a>
      ) : (
        <button type="button" onClick={request}>
          {t('Unduh PDF bertanda tangan', 'Download the signed PDF')}
        </button>
      )}
      {link && <code class="hash">SHA-256 {link.sha256}</code>}
      <ErrorMessage error={error} />
    </>
  );
}
