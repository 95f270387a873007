import { useEffect, useRef, useState } from 'preact/hooks';
import {
  type ActivityReport,
  ATTACHMENT_TYPES,
  activityReportSchema,
} from '../../../../shared/evaluation/activity-report.js';
import { type Bilingual, describe, formatPath } from '../../../../shared/form/messages.js';
import { ApiError, api } from '../../api.js';
import { ErrorMessage } from '../../components/common.js';
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

interface Values {
  from: string;
  to: string;
  activities: string[];
  outcomes: string;
  benefits: string;
  amount: string;
  currency: string;
  files: File[];
}

const EMPTY: Values = {
  from: '',
  to: '',
  activities: [''],
  outcomes: '',
  benefits: '',
  amount: '',
  currency: 'IDR',
  files: [],
};

/** The request body exactly as POST /api/agreements/{id}/activities takes it. */
const bodyOf = (v: Values) => ({
  period: { from: v.from, to: v.to },
  activities: v.activities,
  outcomes: v.outcomes,
  benefits: v.benefits,
  ...(v.amount.trim() ? { budgetUsed: { amount: Number(v.amount), currency: v.currency } } : {}),
  attachments: v.files.map((f) => ({ name: f.name, contentType: typeOf(f), size: f.size })),
});

/** The problems the API would report for this body, by path, from the very same schema. */
function validate(v: Values): Map<string, Bilingual[]> {
  const problems = new Map<string, Bilingual[]>();
  const result = activityReportSchema.safeParse(bodyOf(v));
  if (result.success) return problems;
  for (const issue of result.error.issues) {
    const path = formatPath(issue.path);
    problems.set(path, [...(problems.get(path) ?? []), describe(issue)]);
  }
  return problems;
}

/** The value at `period.to` or `attachments[0].size` of a body, to tell whether it changed. */
const valueAt = (body: unknown, path: string): unknown =>
  path
    .split(/[.[\]]+/)
    .filter(Boolean)
    .reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], body);

const fieldId = (path: string) => `ar-${path.replace(/[^\w-]/g, '_')}`;

/** The initiating OPD's self-evaluation: what was done under the agreement in a period that is over. */
export function ActivityForm({ agreementId, onDone }: { agreementId: string; onDone(): void }) {
  const { t, bi } = useI18n();
  const [values, setValues] = useState<Values>(EMPTY);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  /** The body the API refused: its messages stay at a field until the field is changed. */
  const [refused, setRefused] = useState<unknown>();
  const [progress, setProgress] = useState<number[]>();
  const [sent, setSent] = useState(false);
  const [focusLine, setFocusLine] = useState<number>();
  /** Bumped to move the focus to the first field to fix, once the messages are rendered. */
  const [focusInvalid, setFocusInvalid] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);

  const problems = validate(values);
  const serverIssues = error instanceof ApiError ? error.issues : [];
  const shown = (path: string): Bilingual[] => [
    ...(submitted || touched.has(path) ? (problems.get(path) ?? []) : []),
    ...serverIssues
      .filter(
        (i) =>
          i.path === path &&
          JSON.stringify(valueAt(refused, path)) === JSON.stringify(valueAt(bodyOf(values), path)),
      )
      .map((i) => i.message),
  ];
  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setSent(false);
  };
  const touch = (path: string) => setTouched((s) => (s.has(path) ? s : new Set(s).add(path)));

  useEffect(() => {
    if (focusInvalid) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusInvalid]);
  useEffect(() => {
    if (focusLine === undefined) return;
    formRef.current?.querySelector<HTMLInputElement>(`#${fieldId(`activities[${focusLine}]`)}`)?.focus();
    setFocusLine(undefined);
  }, [focusLine]);

  const field = (path: string) => {
    const list = shown(path);
    return {
      id: fieldId(path),
      name: path,
      'aria-invalid': list.length > 0 || undefined,
      'aria-describedby': list.length ? `${fieldId(path)}-err` : undefined,
      onBlur: () => touch(path),
    };
  };
  /** Paths whose messages are shown at their field; the alert lists the API's other issues. */
  const atFields = new Set<string>();
  const problemsAt = (path: string, list = shown(path)) => {
    atFields.add(path);
    if (!list.length) return null;
    return (
      <ul class="problems" id={`${fieldId(path)}-err`} aria-live="polite" data-path={path}>
        {list.map((p) => (
          <li key={p.en}>{bi(p)}</li>
        ))}
      </ul>
    );
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    setSubmitted(true);
    setError(undefined);
    if (problems.size > 0) {
      setFocusInvalid((n) => n + 1);
      return;
    }
    setBusy(true);
    const body = bodyOf(values);
    try {
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
        setError(
          new ApiError(0, {
            id: 'Laporan tersimpan, tetapi lampiran gagal diunggah. Hubungi Biro Kerja Sama.',
            en: 'The report is saved, but its attachments failed to upload. Contact the Cooperation Bureau.',
          }),
        );
        onDone();
        return;
      }
      setValues(EMPTY);
      setTouched(new Set());
      setSubmitted(false);
      setProgress(undefined);
      setSent(true);
      onDone();
    } catch (err) {
      setError(err);
      setRefused(body);
      setFocusInvalid((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  const removeLine = (i: number) => {
    set(
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
      <form ref={formRef} onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t('Periode', 'Period')}</legend>
          <div class="grid2">
            <div class="field">
              <label for={fieldId('period.from')}>{t('Dari tanggal', 'From')}</label>
              <input
                type="date"
                value={values.from}
                onInput={(e) => set('from', e.currentTarget.value)}
                {...field('period.from')}
              />
              {problemsAt('period.from')}
            </div>
            <div class="field">
              <label for={fieldId('period.to')}>{t('Sampai tanggal', 'To')}</label>
              <input
                type="date"
                value={values.to}
                onInput={(e) => set('to', e.currentTarget.value)}
                {...field('period.to')}
              />
              {problemsAt('period.to')}
            </div>
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('Kegiatan yang dilaksanakan', 'Activities carried out')}</legend>
          {problemsAt('activities')}
          {values.activities.map((line, i) => (
            <div class="field" key={i}>
              <label for={fieldId(`activities[${i}]`)}>
                {t('Kegiatan', 'Activity')} {i + 1}
              </label>
              <div class="line">
                <input
                  type="text"
                  value={line}
                  onInput={(e) =>
                    set(
                      'activities',
                      values.activities.map((l, j) => (j === i ? e.currentTarget.value : l)),
                    )
                  }
                  {...field(`activities[${i}]`)}
                />
                {values.activities.length > 1 && (
                  <button
                    type="button"
                    class="link danger"
                    aria-label={t(`Hapus kegiatan ${i + 1}`, `Remove activity ${i + 1}`)}
                    onClick={() => removeLine(i)}
                  >
                    {t('Hapus', 'Remove')}
                  </button>
                )}
              </div>
              {problemsAt(`activities[${i}]`)}
            </div>
          ))}
          {values.activities.length < 50 && (
            <button
              type="button"
              class="link"
              onClick={() => {
                set('activities', [...values.activities, '']);
                setFocusLine(values.activities.length);
              }}
            >
              {t('+ Tambah kegiatan', '+ Add an activity')}
            </button>
          )}
        </fieldset>
        <div class="field">
          <label for={fieldId('outcomes')}>{t('Hasil yang dicapai', 'Outcomes')}</label>
          <textarea
            rows={3}
            value={values.outcomes}
            onInput={(e) => set('outcomes', e.currentTarget.value)}
            {...field('outcomes')}
          />
          {problemsAt('outcomes')}
        </div>
        <div class="field">
          <label for={fieldId('benefits')}>{t('Manfaat bagi daerah', 'Benefits for the region')}</label>
          <textarea
            rows={3}
            value={values.benefits}
            onInput={(e) => set('benefits', e.currentTarget.value)}
            {...field('benefits')}
          />
          {problemsAt('benefits')}
        </div>
        <fieldset>
          <legend>{t('Anggaran yang digunakan (opsional)', 'Budget used (optional)')}</legend>
          <div class="grid2">
            <div class="field">
              <label for={fieldId('budgetUsed.amount')}>{t('Jumlah', 'Amount')}</label>
              <input
                type="number"
                min={0}
                step="any"
                inputMode="decimal"
                value={values.amount}
                onInput={(e) => set('amount', e.currentTarget.value)}
                {...field('budgetUsed.amount')}
              />
              {problemsAt('budgetUsed.amount')}
            </div>
            <div class="field">
              <label for={fieldId('budgetUsed.currency')}>{t('Mata uang', 'Currency')}</label>
              <select
                value={values.currency}
                onChange={(e) => set('currency', e.currentTarget.value)}
                {...field('budgetUsed.currency')}
              >
                {CURRENCIES.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            </div>
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
                set('files', [...values.files, ...picked]);
                setProgress(undefined);
              }}
            />
            {problemsAt('attachments')}
          </div>
          {values.files.length > 0 && (
            <ul class="files" data-testid="ar-files">
              {values.files.map((f, i) => {
                const base = `attachments[${i}]`;
                const tooBig = f.size > MAX_MB * 1024 * 1024;
                // Over the limit, say so in megabytes rather than the schema's count of bytes.
                const keys = ['name', 'contentType', ...(tooBig ? [] : ['size'])];
                const list = [
                  ...(tooBig ? [{ id: `lebih dari ${MAX_MB} MB`, en: `larger than ${MAX_MB} MB` }] : []),
                  ...keys.flatMap((k) => {
                    atFields.add(`${base}.${k}`);
                    return shown(`${base}.${k}`);
                  }),
                ];
                atFields.add(`${base}.size`);
                return (
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
                    {!busy && (
                      <button
                        type="button"
                        class="link danger"
                        aria-label={t(`Hapus lampiran ${f.name}`, `Remove attachment ${f.name}`)}
                        onClick={() =>
                          set(
                            'files',
                            values.files.filter((_, j) => j !== i),
                          )
                        }
                      >
                        {t('Hapus', 'Remove')}
                      </button>
                    )}
                    {problemsAt(base, list)}
                  </li>
                );
              })}
            </ul>
          )}
        </fieldset>
        <div data-testid="activity-form-error">
          {error instanceof ApiError ? (
            <div class="alert error" role="alert">
              <p>{bi(error.text)}</p>
              {serverIssues.some((i) => !atFields.has(i.path)) && (
                <ul>
                  {serverIssues
                    .filter((i) => !atFields.has(i.path))
                    .map((i) => (
                      <li key={i.path}>
                        <code>{i.path}</code>: {bi(i.message)}
                      </li>
                    ))}
                </ul>
              )}
            </div>
          ) : (
            <ErrorMessage error={error} />
          )}
        </div>
        {sent && (
          <p class="alert ok" role="status">
            {t('Laporan terkirim ke Biro Kerja Sama.', 'The report was sent to the Cooperation Bureau.')}
          </p>
        )}
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? t('Mengirim…', 'Sending…') : t('Kirim laporan', 'Send the report')}
          </button>
        </div>
      </form>
    </section>
  );
}
