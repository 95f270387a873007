import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { ErrorMessage, PdfInput } from '../../components/common.js';
import { useI18n } from '../../i18n.js';
import { actionLabel } from '../../labels.js';
import { onLinkClick } from '../../router.js';
import type { Agreement } from '../../types.js';
import type { Available } from './available.js';
import { SignPanel, UploadPanel } from './signing.js';

export interface Article {
  key: string;
  heading: { id: string; en?: string };
}

const toBase64 = async (file: File) => {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
};

/** The actions the user may take now, and nothing else. */
export function ActionsPanel(props: {
  agreement: Agreement;
  can: Available;
  articles: Article[];
  onDone(): void;
}) {
  const { t, lang, bi } = useI18n();
  const { agreement, can } = props;
  const [comment, setComment] = useState('');
  const [article, setArticle] = useState('');
  const [letter, setLetter] = useState<File>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const act = async (action: string) => {
    // Withdrawing and rejecting end the agreement for good: one more question first.
    const final = {
      withdraw: t('Tarik kerja sama ini? Tindakan ini final.', 'Withdraw this agreement? This is final.'),
      reject: t('Tolak kerja sama ini? Tindakan ini final.', 'Reject this agreement? This is final.'),
    }[action as 'withdraw' | 'reject'];
    if (final && !window.confirm(final)) return;
    setBusy(true);
    setError(undefined);
    try {
      const extra = {
        ...(comment.trim() ? { comment: comment.trim() } : {}),
        ...(article ? { article } : {}),
        ...(letter && action === can.decide?.approve
          ? { letter: { name: letter.name, contentBase64: await toBase64(letter) } }
          : {}),
      };
      await api('POST', `/api/agreements/${agreement.id}/actions`, {
        action,
        version: agreement.currentVersion,
        ...extra,
      });
      setComment('');
      setArticle('');
      props.onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card" aria-labelledby="actions-h" data-testid="actions">
      <h2 id="actions-h">{t('Tindakan Anda', 'Your actions')}</h2>
      <ErrorMessage error={error} />
      {(can.edit || can.submit || can.withdraw) && (
        <div class="actions">
          {can.edit && (
            <a class="button" href={`/agreements/${agreement.id}/edit`} onClick={onLinkClick}>
              {agreement.status === 'changes_requested'
                ? t('Revisi draf', 'Revise the draft')
                : t('Ubah draf', 'Edit the draft')}
            </a>
          )}
          {can.submit && (
            <button type="button" class="primary" disabled={busy} onClick={() => act(can.submit as string)}>
              {actionLabel(can.submit, lang)}
            </button>
          )}
          {can.withdraw && (
            <button type="button" class="danger" disabled={busy} onClick={() => act('withdraw')}>
              {t('Tarik', 'Withdraw')}
            </button>
          )}
        </div>
      )}
      {(can.decide || can.sign) && (
        <div class="decide">
          <div class="grid2">
            <div class="field">
              <label for="act-comment">
                {t(
                  'Catatan (wajib untuk minta perbaikan atau tolak)',
                  'Comment (required to request changes or reject)',
                )}
              </label>
              <textarea
                id="act-comment"
                rows={3}
                value={comment}
                onInput={(e) => setComment(e.currentTarget.value)}
              />
            </div>
            <div class="field">
              <label for="act-article">{t('Tentang pasal', 'About article')}</label>
              <select id="act-article" value={article} onChange={(e) => setArticle(e.currentTarget.value)}>
                <option value="">{t('— seluruh naskah —', '— the whole document —')}</option>
                {props.articles.map((a) => (
                  <option key={a.key} value={a.key}>
                    {bi(a.heading)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          {can.decide?.letter && (
            <PdfInput
              id="act-letter"
              label={t('Surat Kemendagri/Kemenlu (PDF)', 'Letter of the central government (PDF)')}
              onFile={setLetter}
            />
          )}
          <div class="actions">
            {can.decide && (
              <button
                type="button"
                class="primary"
                disabled={busy}
                onClick={() => act(can.decide?.approve as string)}
              >
                {actionLabel(can.decide.approve, lang)}
              </button>
            )}
            {can.decide && (
              <button type="button" disabled={busy} onClick={() => act('request_changes')}>
                {t('Minta perbaikan', 'Request changes')}
              </button>
            )}
            <button type="button" class="danger" disabled={busy} onClick={() => act('reject')}>
              {t('Tolak', 'Reject')}
            </button>
          </div>
        </div>
      )}
      {can.sign && <SignPanel agreement={agreement} onDone={props.onDone} />}
      {can.upload && <UploadPanel agreement={agreement} onDone={props.onDone} />}
      {can.submit === undefined && agreement.status === 'changes_requested' && can.edit && (
        <p class="muted">
          {t('Simpan versi baru sebelum mengajukan kembali.', 'Save a new version before resubmitting.')}
        </p>
      )}
    </section>
  );
}
