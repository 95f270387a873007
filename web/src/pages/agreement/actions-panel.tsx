import { useState } from 'preact/hooks';
import { actionRequestSchema } from '../../../../shared/workflow/action-request.js';
import { api } from '../../api.js';
import { ErrorMessage, PdfInput } from '../../components/common.js';
import { FormView, Problems, Select, Text } from '../../form/fields.js';
import { useSchemaForm } from '../../form/schema-form.js';
import { useI18n } from '../../i18n.js';
import { actionLabel } from '../../labels.js';
import { onLinkClick } from '../../router.js';
import type { Agreement } from '../../types.js';
import { base64Of } from '../../upload.js';
import type { Available } from './available.js';
import { SignPanel, UploadPanel } from './signing.js';

/** An article of the current version: its text clause by clause, and whether the template lets a draft leave it out. */
export interface Article {
  key: string;
  heading: { id: string; en?: string };
  clauses?: { id: string; en?: string }[];
  optional?: boolean;
}

/** The actions the user may take now, and nothing else. */
export function ActionsPanel(props: {
  agreement: Agreement;
  can: Available;
  articles: Article[];
  onDone(): void;
}) {
  const { t, lang, bi } = useI18n();
  const { agreement, can } = props;
  const form = useSchemaForm({
    // The letter is read only on sending: the schema judges what is typed.
    schema: actionRequestSchema.pick({ comment: true, article: true }),
    initial: { comment: '', article: '' },
    toBody: ({ comment, article }) => ({
      ...(comment.trim() ? { comment: comment.trim() } : {}),
      ...(article ? { article } : {}),
    }),
    idPrefix: 'act-',
  });
  const [letter, setLetter] = useState<File>();

  const act = (action: string) => {
    // Withdrawing and rejecting end the agreement for good: one more question first.
    const final = {
      withdraw: t('Tarik kerja sama ini? Tindakan ini final.', 'Withdraw this agreement? This is final.'),
      reject: t('Tolak kerja sama ini? Tindakan ini final.', 'Reject this agreement? This is final.'),
    }[action as 'withdraw' | 'reject'];
    if (final && !window.confirm(final)) return;
    form.submit(async (body) => {
      await api('POST', `/api/agreements/${agreement.id}/actions`, {
        action,
        version: agreement.currentVersion,
        ...(body as object),
        ...(letter && action === can.decide?.approve
          ? { letter: { name: letter.name, contentBase64: await base64Of(letter) } }
          : {}),
      });
      form.reset({ comment: '', article: '' });
      props.onDone();
    });
  };
  const busy = form.busy;

  return (
    <section class="card" aria-labelledby="actions-h" data-testid="actions">
      <h2 id="actions-h">{t('Tindakan Anda', 'Your actions')}</h2>
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
        <FormView form={form} class="decide">
          <div class="grid2">
            <Text
              path="comment"
              multiline
              label={t(
                'Catatan (wajib untuk minta perbaikan atau tolak)',
                'Comment (required to request changes or reject)',
              )}
            />
            <Select
              path="article"
              label={t('Tentang pasal', 'About article')}
              options={[
                ['', t('— seluruh naskah —', '— the whole document —')],
                ...props.articles.map((a) => [a.key, bi(a.heading)] as const),
              ]}
            />
          </div>
          {can.decide?.letter && (
            <>
              <PdfInput
                id="act-letter"
                label={t('Surat Kemendagri/Kemenlu (PDF)', 'Letter of the central government (PDF)')}
                onFile={setLetter}
              />
              <Problems path="letter" under />
            </>
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
        </FormView>
      )}
      {/* Under the buttons, once the fields have taken the API's issues they show. */}
      <ErrorMessage error={form.error} shownAt={form.shownAt} />
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
