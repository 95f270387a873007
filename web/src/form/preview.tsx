import { useEffect, useRef, useState } from 'preact/hooks';
import { apiBlob } from '../api.js';
import { ErrorMessage } from '../components/common.js';
import { useI18n } from '../i18n.js';

/** Waits this long after the last keystroke before rendering: one request per pause, not per key. */
const DEBOUNCE_MS = 800;

/** The PDF as it would be rendered now (POST /api/preview), refreshed while the user types. */
export function Preview({ body, valid }: { body: unknown; valid: boolean }) {
  const { t } = useI18n();
  const [url, setUrl] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const latest = useRef(0);
  const json = JSON.stringify(body);
  useEffect(() => {
    if (!valid) return;
    const request = ++latest.current;
    const timer = setTimeout(() => {
      setBusy(true);
      apiBlob('POST', '/api/preview', JSON.parse(json)).then(
        (blob) => {
          // An answer to an older form is dropped: only the newest one is shown.
          if (request !== latest.current) return;
          setError(undefined);
          setUrl((old) => {
            if (old) URL.revokeObjectURL(old);
            return URL.createObjectURL(blob);
          });
          setBusy(false);
        },
        (e: unknown) => {
          if (request !== latest.current) return;
          setError(e);
          setBusy(false);
        },
      );
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [json, valid]);
  useEffect(() => () => url && URL.revokeObjectURL(url), [url]);
  return (
    <section class="card preview" aria-labelledby="preview-h">
      <h2 id="preview-h">
        {t('Pratinjau PDF', 'PDF preview')}{' '}
        {busy && <span class="muted">{t('(memperbarui…)', '(updating…)')}</span>}
      </h2>
      {!valid && (
        <p class="muted">
          {t(
            'Pratinjau muncul setelah semua isian wajib benar.',
            'The preview appears once every required field is correct.',
          )}
        </p>
      )}
      <ErrorMessage error={error} />
      {url && (
        <>
          <iframe title={t('Pratinjau PDF', 'PDF preview')} src={url} data-testid="preview" />
          <a href={url} target="_blank" rel="noreferrer">
            {t('Buka pratinjau di tab baru', 'Open the preview in a new tab')}
          </a>
        </>
      )}
    </section>
  );
}
