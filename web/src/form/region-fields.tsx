import { REGION_LEVELS } from '../../../shared/admin/requests.js';
import { useI18n } from '../i18n.js';
import type { Official, RegionLevel, RegionProfile } from '../types.js';
import { BiText, Group, Select, Text } from './fields.js';

/** The profile's editable fields as typed: the body of PUT /api/region, field for field. */
export type RegionValues = Pick<RegionProfile, 'name' | 'level' | 'head' | 'sekda' | 'bureau' | 'address'>;

const blankOfficial = (): Official => ({ name: '', nip: '', position: { id: '', en: '' } });

export const blankRegion = (): RegionValues => ({
  name: { id: '', en: '' },
  level: 'provinsi',
  head: blankOfficial(),
  sekda: blankOfficial(),
  bureau: { id: '', en: '' },
  address: '',
});

/** The editable fields of a stored profile. */
export const regionValues = ({ name, level, head, sekda, bureau, address }: RegionProfile): RegionValues => ({
  name,
  level,
  head,
  sekda,
  bureau,
  address,
});

const LEVELS: Record<RegionLevel, [id: string, en: string]> = {
  provinsi: ['Provinsi (dipimpin Gubernur)', 'Province (led by a Governor)'],
  kabupaten: ['Kabupaten (dipimpin Bupati)', 'Regency (led by a Regent)'],
  kota: ['Kota (dipimpin Wali Kota)', 'City (led by a Mayor)'],
};

/** One official: name, NIP and the position they sign under. */
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
