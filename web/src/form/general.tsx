import {
  CATEGORIES,
  DOCUMENT_TYPES,
  FIELD_CODES,
  type FieldCode,
} from '../../../shared/form/agreement-form.js';
import { useI18n } from '../i18n.js';
import { categoryLabel, fieldLabel, typeLabel } from '../labels.js';
import { BiText, Group, Problems, Text } from './fields.js';
import { useForm } from './form-context.js';
import { isForeignCategory } from './form-values.js';

/** Document type, category, languages, the initiating unit, the title and the fields of cooperation. */
export function GeneralSection() {
  const { t, lang } = useI18n();
  const form = useForm();
  const v = form.values;
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
        <div class="field">
          <label for="f-documentType">{t('Jenis dokumen', 'Document type')}</label>
          <select
            id="f-documentType"
            name="documentType"
            value={v.documentType}
            onChange={(e) => form.set('documentType', e.currentTarget.value)}
          >
            {DOCUMENT_TYPES.map((d) => (
              <option key={d} value={d}>
                {typeLabel(d, lang)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-category">{t('Kategori kerja sama', 'Category')}</label>
          <select
            id="f-category"
            name="category"
            value={v.category}
            onChange={(e) => setCategory(e.currentTarget.value)}
          >
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {categoryLabel(c, lang)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div class="grid2">
        <div class="field">
          <label class="check">
            <input
              type="checkbox"
              name="bilingual"
              checked={form.bilingual}
              disabled={foreign && form.bilingual}
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
        {form.bilingual && (
          <div class="field">
            <label for="f-prevailingLanguage">
              {t('Teks yang berlaku bila berbeda', 'Prevailing text if they differ')}
            </label>
            <select
              id="f-prevailingLanguage"
              name="prevailingLanguage"
              value={v.prevailingLanguage}
              onChange={(e) => {
                form.set('prevailingLanguage', e.currentTarget.value);
                form.touch('prevailingLanguage');
              }}
            >
              <option value="">{t('— pilih —', '— choose —')}</option>
              <option value="id">{t('Bahasa Indonesia', 'Indonesian')}</option>
              <option value="en">{t('Bahasa Inggris', 'English')}</option>
              <option value="equal">{t('Sama-sama autentik', 'Equally authentic')}</option>
            </select>
            <Problems path="prevailingLanguage" />
          </div>
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
