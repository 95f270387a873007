import {
  CATEGORIES,
  DOCUMENT_TYPES,
  FIELD_CODES,
  type FieldCode,
} from '../../../shared/form/agreement-form.js';
import { useI18n } from '../i18n.js';
import { categoryLabel, fieldLabel, typeLabel } from '../labels.js';
import { BiText, Group, Problems, Select, Text } from './fields.js';
import { type FormValues, isBilingual, isForeignCategory } from './form-values.js';
import { useForm } from './schema-form.js';

/** Document type, category, languages, the initiating unit, the title and the fields of cooperation. */
export function GeneralSection() {
  const { t, lang } = useI18n();
  const form = useForm<FormValues>();
  const v = form.values;
  const bilingual = isBilingual(v);
  const foreign = isForeignCategory(v.category);
  const setCategory = (category: string) => {
    form.set('category', category);
    // Foreign cooperation is always bilingual: the second language appears with the category.
    if (isForeignCategory(category as never) && !v.languages.includes('en'))
      form.set('languages', ['id', 'en']);
    form.touch('languages');
  };
  const toggleField = (code: FieldCode, on: boolean) => {
    form.set('fields', on ? [...v.fields, code] : v.fields.filter((f) => f !== code));
    form.touch('fields');
  };
  return (
    <Group title={t('Dokumen', 'Document')}>
      <div class="grid2">
        <Select
          path="documentType"
          label={t('Jenis dokumen', 'Document type')}
          options={DOCUMENT_TYPES.map((d) => [d, typeLabel(d, lang)])}
        />
        <Select
          path="category"
          label={t('Kategori kerja sama', 'Category')}
          options={CATEGORIES.map((c) => [c, categoryLabel(c, lang)])}
          onPick={setCategory}
        />
      </div>
      <div class="grid2">
        <div class="field">
          <label class="check">
            <input
              type="checkbox"
              name="bilingual"
              checked={bilingual}
              disabled={foreign && bilingual}
              onChange={(e) => {
                form.set('languages', e.currentTarget.checked ? ['id', 'en'] : ['id']);
                form.touch('languages');
              }}
            />
            {t('Dwibahasa (Indonesia dan Inggris)', 'Bilingual (Indonesian and English)')}
          </label>
          {foreign && (
            <small class="hint">
              {t('Wajib untuk kerja sama luar negeri.', 'Required for foreign cooperation.')}
            </small>
          )}
          <Problems path="languages" />
        </div>
        {bilingual && (
          <Select
            path="prevailingLanguage"
            label={t('Teks yang berlaku bila berbeda', 'Prevailing text if they differ')}
            options={[
              ['', t('— pilih —', '— choose —')],
              ['id', t('Bahasa Indonesia', 'Indonesian')],
              ['en', t('Bahasa Inggris', 'English')],
              ['equal', t('Sama-sama autentik', 'Equally authentic')],
            ]}
          />
        )}
      </div>
      <div class="grid2">
        <Text path="initiatingUnit.code" label={t('Kode OPD pemrakarsa', 'Initiating OPD code')} readOnly />
        <Text path="initiatingUnit.name" label={t('Nama OPD pemrakarsa', 'Initiating OPD name')} />
      </div>
      <BiText path="title" label={t('Judul (tentang …)', 'Title (on …)')} />
      <fieldset class="choices">
        <legend>{t('Bidang kerja sama', 'Fields of cooperation')}</legend>
        {FIELD_CODES.map((code) => (
          <label class="check" key={code}>
            <input
              type="checkbox"
              name="fields"
              value={code}
              checked={v.fields.includes(code)}
              onChange={(e) => toggleField(code, e.currentTarget.checked)}
            />
            {fieldLabel(code, lang)}
          </label>
        ))}
        <Problems path="fields" under />
      </fieldset>
      {v.fields.includes('other') && <BiText path="otherField" label={t('Bidang lainnya', 'Other field')} />}
      {v.documentType !== 'LOI' && (
        <Text
          path="parent.agreementId"
          label={t('Dokumen induk (ID LoI/MoU, opsional)', 'Parent document (LoI/MoU id, optional)')}
        />
      )}
    </Group>
  );
}
