import { useState } from 'preact/hooks';
import { DOCUMENT_TYPES } from '../../../../shared/form/agreement-form.js';
import {
  ASSIGN_STEPS,
  formatNumber,
  type RegisterFormat,
  type RegisterPart,
  registerFormatSchema,
  type StoredFormat,
} from '../../../../shared/register/format.js';
import { api } from '../../api.js';
import { ErrorMessage, Loading, Section, useAsync } from '../../components/common.js';
import { Choice } from '../../components/controls.js';
import { FormView, Problems, RemoveItem, Select, SendButton, Text } from '../../form/fields.js';
import { numberOf } from '../../form/form-values.js';
import { useSchemaForm } from '../../form/schema-form.js';
import { useI18n } from '../../i18n.js';
import { formatDate, typeLabel } from '../../labels.js';

type Kind = RegisterPart['kind'];

const PART_NAMES: Record<Kind, [id: string, en: string]> = {
  classification: ['Kode klasifikasi', 'Classification code'],
  sequence: ['Nomor urut', 'Sequence number'],
  text: ['Teks tetap', 'Fixed text'],
  unit: ['Kode OPD pemrakarsa', 'Initiating unit’s code'],
  bureau: ['Kode biro', 'Bureau code'],
  year: ['Tahun', 'Year'],
  romanMonth: ['Bulan (angka Romawi)', 'Month (Roman numerals)'],
};
const KINDS = Object.keys(PART_NAMES) as Kind[];

const ASSIGN_NAMES: Record<RegisterFormat['assignAt'], [id: string, en: string]> = {
  biro_approval: ['Saat telaah Kepala Biro selesai', 'When the Bureau head’s review completes'],
  signing: ['Saat tanda tangan pertama', 'At the first signature'],
};

/** A part as typed: every input kept while the kind changes, only the kind's own sent. */
interface PartValues {
  kind: Kind;
  value: string;
  padding: string;
}
interface FormatValues {
  parts: PartValues[];
  separator: RegisterFormat['separator'];
  assignAt: RegisterFormat['assignAt'];
}

const WITH_VALUE: readonly Kind[] = ['classification', 'text', 'bureau'];

const toValues = (f: RegisterFormat): FormatValues => ({
  separator: f.separator,
  assignAt: f.assignAt,
  parts: f.parts.map((p) => ({
    kind: p.kind,
    value: 'value' in p ? p.value : '',
    padding: 'padding' in p ? String(p.padding) : '4',
  })),
});

const toBody = ({ parts, ...v }: FormatValues) => ({
  ...v,
  parts: parts.map((p) =>
    WITH_VALUE.includes(p.kind)
      ? { kind: p.kind, value: p.value }
      : p.kind === 'sequence'
        ? { kind: p.kind, padding: numberOf(p.padding) }
        : { kind: p.kind },
  ),
});

/** The number format of each document type, built from parts, and the step that assigns it. */
export function RegisterFormatsPage() {
  const { t, lang } = useI18n();
  const [documentType, setType] = useState<string>('MOU');
  const formats = useAsync(() => api<{ items: StoredFormat[] }>('GET', '/api/admin/register-formats'), []);
  const format = formats.data?.items.find((f) => f.documentType === documentType);
  return (
    <>
      <div class="card filters">
        <Choice
          id="rf-type"
          label={t('Jenis dokumen', 'Document type')}
          value={documentType}
          options={DOCUMENT_TYPES.map((d) => [d, typeLabel(d, lang)])}
          onChange={setType}
        />
      </div>
      {formats.loading && <Loading />}
      <ErrorMessage error={formats.error} />
      {format && <FormatEditor key={JSON.stringify(format)} format={format} onSaved={formats.reload} />}
    </>
  );
}

function FormatEditor({ format, onSaved }: { format: StoredFormat; onSaved(): void }) {
  const { t, lang } = useI18n();
  const form = useSchemaForm<FormatValues>({
    schema: registerFormatSchema,
    initial: toValues(format),
    toBody,
    idPrefix: 'rf-',
  });
  const parts = form.values.parts;
  const move = (i: number, by: number) => {
    const next = [...parts];
    const [part] = next.splice(i, 1);
    if (part) next.splice(i + by, 0, part);
    form.set('parts', next);
  };
  const save = () =>
    form.submit(async (body) => {
      await api('PUT', `/api/admin/register-formats/${format.documentType}`, body);
      onSaved();
    });
  // The number as the register would give it: the 42nd of the year, now, for the unit DISDIK.
  const example =
    form.problems.size === 0
      ? formatNumber(form.body as RegisterFormat, 42, 'DISDIK', new Date().toISOString())
      : undefined;
  return (
    <Section title={`${t('Format nomor', 'Number format')} ${format.documentType}`} id="register-format">
      <p class="muted">
        {'default' in format
          ? t('Format bawaan: belum pernah diubah.', 'The built-in format: never changed.')
          : t(
              `Diubah ${formatDate(format.updatedAt, 'id', true)} oleh ${format.updatedBy}.`,
              `Changed ${formatDate(format.updatedAt, 'en', true)} by ${format.updatedBy}.`,
            )}{' '}
        {t('Nomor yang sudah diberikan tetap seperti adanya.', 'Numbers already given stay as they are.')}
      </p>
      <FormView form={form} onSubmit={save} testId="register-format">
        <Problems path="parts" />
        <ol class="format-parts">
          {parts.map((p, i) => (
            <li key={i} data-testid="format-part">
              <div class="grid3">
                <Select
                  path={`parts[${i}].kind`}
                  label={t('Bagian', 'Part')}
                  options={KINDS.map((k) => [k, PART_NAMES[k][lang === 'en' ? 1 : 0]])}
                />
                {WITH_VALUE.includes(p.kind) && (
                  <Text path={`parts[${i}].value`} label={t('Nilai', 'Value')} />
                )}
                {p.kind === 'sequence' && (
                  <Text
                    path={`parts[${i}].padding`}
                    type="number"
                    label={t('Jumlah digit', 'Digits')}
                    attrs={{ min: 1, max: 6 }}
                  />
                )}
              </div>
              <span class="actions">
                <button type="button" class="link" disabled={i === 0} onClick={() => move(i, -1)}>
                  {t('↑ Naik', '↑ Up')}
                </button>
                <button
                  type="button"
                  class="link"
                  disabled={i === parts.length - 1}
                  onClick={() => move(i, 1)}
                >
                  {t('↓ Turun', '↓ Down')}
                </button>
                <RemoveItem path="parts" index={i}>
                  {t('Hapus', 'Remove')}
                </RemoveItem>
              </span>
            </li>
          ))}
        </ol>
        <button
          type="button"
          onClick={() => form.set('parts', [...parts, { kind: 'text', value: '', padding: '4' }])}
        >
          {t('+ Tambah bagian', '+ Add a part')}
        </button>
        <div class="grid2">
          <Select
            path="separator"
            label={t('Pemisah', 'Separator')}
            options={registerFormatSchema.shape.separator.options.map((s) => [s, s])}
          />
          <Select
            path="assignAt"
            label={t('Nomor diberikan', 'Number assigned')}
            options={ASSIGN_STEPS.map((s) => [s, ASSIGN_NAMES[s][lang === 'en' ? 1 : 0]])}
          />
        </div>
        <p data-testid="format-example">
          {t('Contoh', 'Example')}: <code>{example ?? '–'}</code>
        </p>
        <SendButton label={t('Simpan format', 'Save the format')} />
      </FormView>
    </Section>
  );
}
