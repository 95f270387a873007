import { MAX_EMBLEM_BYTES } from '../../../shared/form/agreement-form.js';
import { useI18n } from '../i18n.js';
import { countryName } from '../labels.js';
import { base64Of } from '../upload.js';
import { BiText, Group, Problems, RemoveItem, Text } from './fields.js';
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
          <Emblem index={i} />
          {i >= 2 && (
            <RemoveItem path="parties" index={i}>
              {t('Hapus pihak ini', 'Remove this party')}
            </RemoveItem>
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

/**
 * A party's emblem (PNG), printed above the title on page one. The file is carried in the form as the
 * API takes it, so the schema's own messages (not a PNG, damaged, too large) show under the input.
 */
function Emblem({ index }: { index: number }) {
  const { t } = useI18n();
  const form = useForm<FormValues>();
  const path = `parties[${index}].emblem`;
  const emblem = form.values.parties[index]?.emblem;
  const field = form.field(`${path}.data`);
  return (
    <div class="field emblem">
      <label for={field.id}>
        {t(
          `Lambang pihak (PNG, opsional, paling besar ${MAX_EMBLEM_BYTES / 1024} KB)`,
          `Emblem of the party (PNG, optional, at most ${MAX_EMBLEM_BYTES / 1024} KB)`,
        )}
      </label>
      {emblem && (
        <div class="line">
          <img
            src={`data:image/png;base64,${emblem.data}`}
            alt={t('Lambang yang dipilih', 'The chosen emblem')}
            height={48}
            data-testid={`emblem-${index}`}
          />
          <button type="button" class="link danger" onClick={() => form.set(path, undefined)}>
            {t('Hapus lambang', 'Remove the emblem')}
          </button>
        </div>
      )}
      <input
        {...field}
        type="file"
        accept="image/png"
        onChange={async (e) => {
          const input = e.currentTarget;
          const file = input.files?.[0];
          if (!file) return;
          form.set(path, { contentType: 'image/png', data: await base64Of(file) });
          form.touch(`${path}.data`);
          input.value = '';
        }}
      />
      <Problems path={`${path}.data`} />
    </div>
  );
}
