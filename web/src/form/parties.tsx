import { useI18n } from '../i18n.js';
import { countryName } from '../labels.js';
import { BiText, Group, Text } from './fields.js';
import { blankParty, type FormValues } from './form-values.js';
import { useForm } from './schema-form.js';

/** The parties: the region first, then its partners; at least two. */
export function PartiesSection() {
  const { t, lang } = useI18n();
  const form = useForm<FormValues>();
  const parties = form.values.parties;
  const label = (i: number) =>
    i === 0 ? t('Pihak Pertama (daerah)', 'First Party (the region)') : `${t('Pihak', 'Party')} ${i + 1}`;
  return (
    <Group title={t('Para pihak', 'Parties')} path="parties">
      {parties.map((p, i) => (
        <fieldset class="party" key={i}>
          <legend>{label(i)}</legend>
          <BiText path={`parties[${i}].name`} label={t('Nama pihak', 'Name of the party')} />
          <div class="grid3">
            <Text
              path={`parties[${i}].country`}
              label={t('Negara (kode ISO, mis. ID, AU)', 'Country (ISO code, e.g. ID, AU)')}
              hint={countryName(p.country.toUpperCase(), lang)}
            />
            <Text path={`parties[${i}].address`} label={t('Alamat (opsional)', 'Address (optional)')} />
            <Text
              path={`parties[${i}].documentNumber`}
              label={t('Nomor dokumen pihak (opsional)', 'Party’s document number (optional)')}
            />
          </div>
          <Text path={`parties[${i}].signatory.name`} label={t('Nama penanda tangan', 'Signatory’s name')} />
          <BiText
            path={`parties[${i}].signatory.position`}
            label={t('Jabatan penanda tangan', 'Signatory’s position')}
          />
          <BiText
            path={`parties[${i}].signatory.authority`}
            label={t('Dasar kewenangan (opsional)', 'Legal basis of authority (optional)')}
          />
          {i >= 2 && (
            <button
              type="button"
              class="link danger"
              onClick={() =>
                form.set(
                  'parties',
                  parties.filter((_, j) => j !== i),
                )
              }
            >
              {t('Hapus pihak ini', 'Remove this party')}
            </button>
          )}
        </fieldset>
      ))}
      {parties.length < 10 && (
        <button type="button" onClick={() => form.set('parties', [...parties, blankParty('')])}>
          {t('+ Tambah pihak', '+ Add a party')}
        </button>
      )}
    </Group>
  );
}
