import { useState } from 'preact/hooks';
import {
  EMBLEM_TYPES,
  MAX_REGION_EMBLEM_BYTES,
  regionInputSchema,
} from '../../../../shared/admin/requests.js';
import { ApiError, api } from '../../api.js';
import { ErrorMessage, Loading, Section, useAsync } from '../../components/common.js';
import { FormView, SendButton } from '../../form/fields.js';
import { blankRegion, RegionFields, type RegionValues, regionValues } from '../../form/region-fields.js';
import { useSchemaForm } from '../../form/schema-form.js';
import { useI18n } from '../../i18n.js';
import { formatDate } from '../../labels.js';
import { useSession } from '../../session-context.js';
import type { RegionAnswer, RegionProfile } from '../../types.js';
import { sendFile, type UploadTicket } from '../../upload.js';

/** The region's own profile: names, level, officials, bureau, address and emblem. */
export function RegionPage() {
  const region = useAsync(() => api<RegionAnswer>('GET', '/api/region'), []);
  if (region.loading && !region.data) return <Loading />;
  if (region.error || !region.data) return <ErrorMessage error={region.error} />;
  const profile = 'regionId' in region.data ? region.data : undefined;
  return (
    <>
      <ProfileForm profile={profile} onSaved={region.reload} />
      {profile && <EmblemUpload profile={profile} onDone={region.reload} />}
    </>
  );
}

function ProfileForm({ profile, onSaved }: { profile: RegionProfile | undefined; onSaved(): void }) {
  const { t, lang } = useI18n();
  const { reloadRegion } = useSession();
  const [saved, setSaved] = useState<RegionValues>();
  const form = useSchemaForm<RegionValues>({
    schema: regionInputSchema,
    initial: profile ? regionValues(profile) : blankRegion(),
    idPrefix: 'rg-',
  });
  const save = () =>
    form.submit(async (body) => {
      const values = regionValues(await api<RegionProfile>('PUT', '/api/region', body));
      form.reset(values);
      setSaved(values);
      reloadRegion();
      onSaved();
    });
  return (
    <FormView form={form} onSubmit={save} testId="region-form">
      {profile && (
        <p class="muted">
          {t('Terakhir diubah', 'Last changed')} {formatDate(profile.updatedAt, lang, true)} ·{' '}
          {profile.updatedBy}
        </p>
      )}
      <RegionFields />
      {saved === form.values && (
        <p class="alert ok" role="status">
          {t('Profil daerah tersimpan.', 'The region profile is saved.')}
        </p>
      )}
      <SendButton label={t('Simpan profil', 'Save the profile')} />
    </FormView>
  );
}

async function sha256Hex(file: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Waits (about ten seconds at most) for the API to have checked the upload and made it the emblem. */
async function emblemBecomes(sha256: string): Promise<boolean> {
  for (let wait = 250, spent = 0; spent < 10_000; spent += wait, wait = Math.min(wait * 1.5, 2000)) {
    const region = await api<RegionAnswer>('GET', '/api/region');
    if ('regionId' in region && region.emblem?.sha256 === sha256) return true;
    await new Promise((r) => setTimeout(r, wait));
  }
  return false;
}

/** The emblem: a PNG or SVG of at most 1 MB, checked by the API before it is shown anywhere. */
function EmblemUpload({ profile, onDone }: { profile: RegionProfile; onDone(): void }) {
  const { t } = useI18n();
  const { reloadRegion } = useSession();
  const [progress, setProgress] = useState<number>();
  const [error, setError] = useState<unknown>();
  const upload = async (file: File) => {
    setError(undefined);
    const contentType = EMBLEM_TYPES.find((type) => type === file.type);
    try {
      if (!contentType)
        throw new ApiError(400, {
          id: 'Lambang harus berkas PNG atau SVG.',
          en: 'The emblem must be a PNG or an SVG file.',
        });
      const ticket = await api<UploadTicket>('POST', '/api/region/emblem', { contentType });
      await sendFile(ticket, file, setProgress);
      if (!(await emblemBecomes(await sha256Hex(file))))
        throw new ApiError(400, {
          id: 'Lambang ditolak: berkas bukan PNG atau SVG yang sah, atau berisi skrip atau rujukan luar.',
          en: 'The emblem was refused: the file is not a valid PNG or SVG, or it holds scripts or external references.',
        });
      reloadRegion();
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setProgress(undefined);
    }
  };
  return (
    <Section title={t('Lambang daerah', 'Emblem of the region')} id="emblem">
      {profile.emblem ? (
        <img
          src={profile.emblem.url}
          alt={t('Lambang daerah', 'Emblem of the region')}
          height={96}
          data-testid="emblem"
        />
      ) : (
        <p class="muted">{t('Belum ada lambang.', 'No emblem yet.')}</p>
      )}
      <div class="field">
        <label for="rg-emblem">
          {t(
            `Unggah lambang (PNG atau SVG, paling besar ${MAX_REGION_EMBLEM_BYTES / 1024 / 1024} MB)`,
            `Upload an emblem (PNG or SVG, at most ${MAX_REGION_EMBLEM_BYTES / 1024 / 1024} MB)`,
          )}
        </label>
        <input
          id="rg-emblem"
          type="file"
          accept={EMBLEM_TYPES.join(',')}
          disabled={progress !== undefined}
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (file) upload(file);
          }}
        />
      </div>
      {progress !== undefined && (
        <progress max={1} value={progress} aria-label={t('Kemajuan unggahan', 'Upload progress')} />
      )}
      <ErrorMessage error={error} />
    </Section>
  );
}
