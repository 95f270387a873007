import { type Official, REGION_LEVELS, type RegionLevel } from '../../../shared/admin/region.js';
import { useI18n } from '../i18n.js';
import type { RegionProfile } from '../types.js';
import { BiText, Group, Select, Text } from './fields.js';
import type { Bi } from './form-values.js';

/** An official as typed: the optional authority kept as two empty texts until written. */
type OfficialValues = Omit<Official, 'authority'> & { authority: Bi };

/** The profile's editable fields as typed; `regionBody` makes them the body of PUT /api/region. */
export interface RegionValues {
  name: Bi;
  level: RegionLevel;
  head: OfficialValues;
  sekda: OfficialValues;
  bureau: Bi;
  address: string;
}

const blankBi = (): Bi => ({ id: '', en: '' });
const blankOfficial = (): OfficialValues => ({
  name: '',
  nip: '',
  position: blankBi(),
  authority: blankBi(),
});

export const blankRegion = (): RegionValues => ({
  name: blankBi(),
  level: 'provinsi',
  head: blankOfficial(),
  sekda: blankOfficial(),
  bureau: blankBi(),
  address: '',
});

const officialValues = (o: Official): OfficialValues => ({
  ...o,
  authority: { ...blankBi(), ...o.authority },
});

/** The editable fields of a stored profile. */
export const regionValues = (p: RegionProfile): RegionValues => ({
  name: p.name,
  level: p.level,
  head: officialValues(p.head),
  sekda: officialValues(p.sekda),
  bureau: p.bureau,
  address: p.address,
});

/** An official in a body: the authority only when written. */
const officialBody = ({ authority, ...o }: OfficialValues) => ({
  ...o,
  ...(authority.id.trim() || authority.en.trim() ? { authority } : {}),
});

export const regionBody = (v: RegionValues) => ({
  ...v,
  head: officialBody(v.head),
  sekda: officialBody(v.sekda),
});

const LEVELS: Record<RegionLevel, [id: string, en: string]> = {
  provinsi: ['Provinsi (dipimpin Gubernur)', 'Province (led by a Governor)'],
  kabupaten: ['Kabupaten (dipimpin Bupati)', 'Regency (led by a Regent)'],
  kota: ['Kota (dipimpin Wali Kota)', 'City (led by a Mayor)'],
};

/** One official: name, NIP, the position they sign under and, optionally, on what authority. */
function OfficialFields({ path, title }: { path: string; title: string }) {
  const { t } = useI18n();
  return (
    <fieldset class="plain">
      <legend>{title}</legend>
      <div class="grid2">
        <Text path={`${path}.name`} label={t('Nama lengkap dan gelar', 'Full name and titles')} />
        <Text
          path={`${path}.nip`}
          label={t('NIP (18 angka)', 'NIP (18 digits)')}
          attrs={{ inputMode: 'numeric' }}
        />
      </div>
      <BiText path={`${path}.position`} label={t('Jabatan', 'Position')} always />
      <BiText
        path={`${path}.authority`}
        label={t('Dasar kewenangan (opsional)', 'Legal basis of authority (optional)')}
        always
      />
    </fieldset>
  );
}

/** The region's profile fields, under `prefix` of the form's values (`region.` in the setup form). */
export function RegionFields({ prefix = '' }: { prefix?: string }) {
  const { t, lang } = useI18n();
  return (
    <>
      <Group title={t('Daerah', 'Region')}>
        <BiText path={`${prefix}name`} label={t('Nama daerah', 'Name of the region')} always />
        <Select
          path={`${prefix}level`}
          label={t('Tingkat', 'Level')}
          options={REGION_LEVELS.map((l) => [l, LEVELS[l][lang === 'en' ? 1 : 0]])}
        />
        <BiText
          path={`${prefix}bureau`}
          label={t('Nama biro kerja sama', 'Name of the cooperation bureau')}
          always
        />
        <Text path={`${prefix}address`} label={t('Alamat', 'Address')} multiline rows={2} />
      </Group>
      <Group title={t('Pejabat penanda tangan', 'Signing officials')}>
        <OfficialFields path={`${prefix}head`} title={t('Kepala daerah', 'Head of region')} />
        <OfficialFields path={`${prefix}sekda`} title={t('Sekretaris Daerah', 'Regional Secretary')} />
      </Group>
    </>
  );
}
