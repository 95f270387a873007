import { useI18n } from '../i18n.js';
import { BiText, Group, Problems, RemoveItem, Select, Text } from './fields.js';
import type { FormValues } from './form-values.js';
import { useForm } from './schema-form.js';

/** Duration, entry into force and the place and date of signing. */
export function TermsSection() {
  const { t } = useI18n();
  const form = useForm<FormValues>();
  const v = form.values;
  const onDate = v.effectiveFrom !== 'signing';
  return (
    <Group title={t('Jangka waktu dan penandatanganan', 'Duration and signing')}>
      <div class="grid2">
        <Text
          path="durationYears"
          type="number"
          label={
            v.documentType === 'LOI'
              ? t('Jangka waktu dalam tahun (opsional untuk LoI)', 'Duration in years (optional for an LoI)')
              : t('Jangka waktu dalam tahun (1–30)', 'Duration in years (1–30)')
          }
        />
        <fieldset class="choices">
          <legend>{t('Mulai berlaku', 'Takes effect')}</legend>
          <label class="check">
            <input
              type="radio"
              name="effective"
              checked={!onDate}
              onChange={() => form.set('effectiveFrom', 'signing')}
            />
            {t('Sejak ditandatangani', 'On signature')}
          </label>
          <label class="check">
            <input
              type="radio"
              name="effective"
              checked={onDate}
              onChange={() => form.set('effectiveFrom', '')}
            />
            {t('Pada tanggal', 'On a date')}
          </label>
          {onDate && (
            <Text path="effectiveFrom" type="date" label={t('Tanggal mulai berlaku', 'Effective date')} />
          )}
          <Problems path="effectiveFrom" />
        </fieldset>
      </div>
      <div class="grid2">
        <BiText path="signing.place" label={t('Tempat penandatanganan', 'Place of signing')} />
        <Text
          path="signing.date"
          type="date"
          label={t(
            'Tanggal penandatanganan (boleh diisi saat tanda tangan)',
            'Date of signing (may be left for the signing step)',
          )}
        />
      </div>
    </Group>
  );
}

/** Contact persons of each party (optional). */
export function ContactsSection() {
  const { t, bi } = useI18n();
  const form = useForm<FormValues>();
  const { contacts, parties } = form.values;
  const add = () =>
    form.set('contacts', [...contacts, { party: 0, name: '', position: '', email: '', phone: '' }]);
  return (
    <Group title={t('Penghubung (opsional)', 'Contact persons (optional)')} path="contacts">
      {contacts.map((_, i) => (
        <fieldset class="party" key={i}>
          <legend>
            {t('Penghubung', 'Contact')} {i + 1}
          </legend>
          <div class="grid3">
            <Select
              path={`contacts[${i}].party`}
              label={t('Pihak', 'Party')}
              options={parties.map((p, j) => [String(j), `${j + 1}. ${bi(p.name) || '…'}`])}
              onPick={(party) => form.set(`contacts[${i}].party`, Number(party))}
            />
            <Text path={`contacts[${i}].name`} label={t('Nama', 'Name')} />
            <Text path={`contacts[${i}].position`} label={t('Jabatan', 'Position')} />
            <Text
              path={`contacts[${i}].email`}
              type="email"
              label={t('Email (opsional)', 'Email (optional)')}
            />
            <Text
              path={`contacts[${i}].phone`}
              type="tel"
              label={t('Telepon (opsional)', 'Phone (optional)')}
            />
          </div>
          <RemoveItem path="contacts" index={i}>
            {t('Hapus penghubung', 'Remove contact')} {i + 1}
          </RemoveItem>
        </fieldset>
      ))}
      <button type="button" onClick={add}>
        {t('+ Tambah penghubung', '+ Add a contact')}
      </button>
    </Group>
  );
}
