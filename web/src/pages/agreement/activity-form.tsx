import { useEffect, useState } from 'preact/hooks';
import {
  type ActivityReport,
  ATTACHMENT_TYPES,
  activityReportSchema,
} from '../../../../shared/evaluation/activity-report.js';
import { ApiError, api } from '../../api.js';
import { ErrorMessage } from '../../components/common.js';
import { FormView, Problems, Select, Text } from '../../form/fields.js';
import { useForm, useSchemaForm } from '../../form/schema-form.js';
import { useI18n } from '../../i18n.js';
import { sendFile, type UploadTicket } from '../../upload.js';

const CURRENCIES = ['IDR', 'USD', 'EUR', 'JPY', 'AUD'] as const;
const MAX_MB = 20;
/** The types the API takes, as the file picker's filter: MIME types and their extensions. */
const ACCEPT = [
  ...Object.keys(ATTACHMENT_TYPES),
  ...Object.values(ATTACHMENT_TYPES).map((e) => `.${e}`),
  '.jpeg',
].join(',');

/** The declared type: the browser's, else the accepted type of the file's extension. */
function typeOf(file: File): string {
  if (file.type) return file.type;
  const ext = file.name
    .split('.')
    .pop()
    ?.toLowerCase()
    .replace(/^jpeg$/, 'jpg');
  return Object.entries(ATTACHMENT_TYPES).find(([, e]) => e === ext)?.[0] ?? '';
}

/** The form as typed, under the body's own paths so that every message lands at its field. */
interface Values {
  period: { from: string; to: string };
  activities: string[];
  outcomes: string;
  benefits: string;
  budgetUsed: { amount: string; currency: string };
  files: File[];
}

const blank = (): Values => ({
  period: { from: '', to: '' },
  activities: [''],
  outcomes: '',
  benefits: '',
  budgetUsed: { amount: '', currency: 'IDR' },
  files: [],
});

/** The request body exactly as POST /api/agreements/{id}/activities takes it. */
const bodyOf = ({ budgetUsed, files, ...v }: Values) => ({
  ...v,
  ...(budgetUsed.amount.trim()
    ? { budgetUsed: { amount: Number(budgetUsed.amount), currency: budgetUsed.currency } }
    : {}),
  attachments: files.map((f) => ({ name: f.name, contentType: typeOf(f), size: f.size })),
});

/** The initiating OPD's self-evaluation: what was done under the agreement in a period that is over. */
export function ActivityForm({ agreementId, onDone }: { agreementId: string; onDone(): void }) {
  const { t } = useI18n();
  const form = useSchemaForm({
    schema: activityReportSchema,
    initial: blank(),
    toBody: bodyOf,
    idPrefix: 'ar-',
  });
  const { values } = form;
  const [progress, setProgress] = useState<number[]>();
  /** The blank values left by the report just sent: its confirmation shows until the next change. */
  const [sent, setSent] = useState<Values>();
  const [focusLine, setFocusLine] = useState<number>();

  useEffect(() => {
    if (focusLine === undefined) return;
    form.ref.current
      ?.querySelector<HTMLInputElement>(`#${form.inputId(`activities[${focusLine}]`)}`)
      ?.focus();
    setFocusLine(undefined);
  }, [focusLine]);

  const send = async (body: unknown) => {
    const { uploads } = await api<{ report: ActivityReport; uploads: UploadTicket[] }>(
      'POST',
      `/api/agreements/${agreementId}/activities`,
      body,
    );
    const fractions = values.files.map(() => 0);
    if (uploads.length) setProgress([...fractions]);
    try {
      await Promise.all(
        uploads.map((u, i) =>
          sendFile(u, values.files[i] as File, (f) => {
            fractions[i] = f;
            setProgress([...fractions]);
          }),
        ),
      );
    } catch {
      // The report is stored; only its files are missing. Say so, and still show it in the list.
      onDone();
      throw new ApiError(0, {
        id: 'Laporan tersimpan, tetapi lampiran gagal diunggah. Hubungi Biro Kerja Sama.',
        en: 'The report is saved, but its attachments failed to upload. Contact the Cooperation Bureau.',
      });
    }
    const next = blank();
    form.reset(next);
    setSent(next);
    setProgress(undefined);
    onDone();
  };

  const removeLine = (i: number) => {
    form.set(
      'activities',
      values.activities.filter((_, j) => j !== i),
    );
    setFocusLine(Math.max(0, i - 1));
  };

  return (
    <section class="card" aria-labelledby="ar-h" data-testid="activity-form">
      <h2 id="ar-h">{t('Laporkan pelaksanaan kegiatan', 'Report activities carried out')}</h2>
      <p class="muted">
        {t(
          'Untuk periode yang telah berakhir, paling lama satu tahun, tanpa tumpang tindih dengan laporan lain.',
          'For a period that is over, at most one year long, not overlapping another report.',
        )}
      </p>
      <FormView form={form} onSubmit={() => form.submit(send)}>
        <fieldset>
          <legend>{t('Periode', 'Period')}</legend>
          <div class="grid2">
            <Text path="period.from" type="date" label={t('Dari tanggal', 'From')} />
            <Text path="period.to" type="date" label={t('Sampai tanggal', 'To')} />
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('Kegiatan yang dilaksanakan', 'Activities carried out')}</legend>
          <Problems path="activities" />
          {values.activities.map((_, i) => (
            <Text
              key={i}
              path={`activities[${i}]`}
              label={`${t('Kegiatan', 'Activity')} ${i + 1}`}
              after={
                values.activities.length > 1 && (
                  <button
                    type="button"
                    class="link danger"
                    aria-label={t(`Hapus kegiatan ${i + 1}`, `Remove activity ${i + 1}`)}
                    onClick={() => removeLine(i)}
                  >
                    {t('Hapus', 'Remove')}
                  </button>
                )
              }
            />
          ))}
          {values.activities.length < 50 && (
            <button
              type="button"
              class="link"
              onClick={() => {
                form.set('activities', [...values.activities, '']);
                setFocusLine(values.activities.length);
              }}
            >
              {t('+ Tambah kegiatan', '+ Add an activity')}
            </button>
          )}
        </fieldset>
        <Text path="outcomes" multiline label={t('Hasil yang dicapai', 'Outcomes')} />
        <Text path="benefits" multiline label={t('Manfaat bagi daerah', 'Benefits for the region')} />
        <fieldset>
          <legend>{t('Anggaran yang digunakan (opsional)', 'Budget used (optional)')}</legend>
          <div class="grid2">
            <Text
              path="budgetUsed.amount"
              type="number"
              label={t('Jumlah', 'Amount')}
              attrs={{ min: 0, step: 'any', inputMode: 'decimal' }}
            />
            <Select
              path="budgetUsed.currency"
              label={t('Mata uang', 'Currency')}
              options={CURRENCIES.map((c) => [c, c])}
            />
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('Lampiran', 'Attachments')}</legend>
          <div class="field">
            <label for="ar-files">
              {t(
                `Tambah berkas: PDF, JPEG, PNG, XLSX atau DOCX, maks. ${MAX_MB} MB per berkas`,
                `Add files: PDF, JPEG, PNG, XLSX or DOCX, max. ${MAX_MB} MB each`,
              )}
            </label>
            <input
              id="ar-files"
              type="file"
              multiple
              accept={ACCEPT}
              onChange={(e) => {
                const picked = Array.from(e.currentTarget.files ?? []);
                e.currentTarget.value = '';
                form.set('files', [...values.files, ...picked]);
                setProgress(undefined);
              }}
            />
            <Problems path="attachments" />
          </div>
          {values.files.length > 0 && (
            <ul class="files" data-testid="ar-files">
              {values.files.map((f, i) => (
                <li key={`${f.name}-${f.size}-${i}`}>
                  <span>
                    {f.name}{' '}
                    <span class="muted">({(f.size / 1024).toFixed(f.size < 10_240 ? 1 : 0)} KB)</span>
                  </span>
                  {progress && (
                    <progress
                      max={1}
                      value={progress[i] ?? 0}
                      aria-label={t(`Kemajuan unggahan ${f.name}`, `Upload progress of ${f.name}`)}
                    />
                  )}
                  {!form.busy && (
                    <button
                      type="button"
                      class="link danger"
                      aria-label={t(`Hapus lampiran ${f.name}`, `Remove attachment ${f.name}`)}
                      onClick={() =>
                        form.set(
                          'files',
                          values.files.filter((_, j) => j !== i),
                        )
                      }
                    >
                      {t('Hapus', 'Remove')}
                    </button>
                  )}
                  <AttachmentProblems path={`attachments[${i}]`} file={f} />
                </li>
              ))}
            </ul>
          )}
        </fieldset>
        <div data-testid="activity-form-error">
          <ErrorMessage error={form.error} shownAt={form.shownAt} />
        </div>
        {sent === values && (
          <p class="alert ok" role="status">
            {t('Laporan terkirim ke Biro Kerja Sama.', 'The report was sent to the Cooperation Bureau.')}
          </p>
        )}
        <div class="actions">
          <button type="submit" class="primary" disabled={form.busy}>
            {form.busy ? t('Mengirim…', 'Sending…') : t('Kirim laporan', 'Send the report')}
          </button>
        </div>
      </FormView>
    </section>
  );
}

/** One attachment's messages; over the limit, in megabytes rather than the schema's count of bytes. */
function AttachmentProblems({ path, file }: { path: string; file: File }) {
  const form = useForm();
  // Read even when replaced: the API's issues below the path are then shown here, not in the alert.
  const under = form.messagesUnder(path);
  const list =
    file.size > MAX_MB * 1024 * 1024
      ? [
          { id: `lebih dari ${MAX_MB} MB`, en: `larger than ${MAX_MB} MB` },
          ...form.messages(`${path}.name`),
          ...form.messages(`${path}.contentType`),
        ]
      : under;
  return <Problems path={path} list={list} />;
}
