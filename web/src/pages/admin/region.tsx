import { useState } from 'preact/hooks';
import {
  EMBLEM_TYPES,
  MAX_REGION_EMBLEM_BYTES,
  regionProfileInputSchema,
} from '../../../../shared/admin/region.js';
import { ApiError, api } from '../../api.js';
import { ErrorMessage, Loading, Section, useAsync } from '../../components/common.js';
import { FormView, SendButton } from '../../form/fields.js';
import {
  blankRegion,
  RegionFields,
  type RegionValues,
  regionBody,
  regionValues,
} from '../../form/region-fields.js';
import { useSchemaForm } from '../../form/schema-form.js';
import { useI18n } from '../../i18n.js';
import { formatDate } from '../../labels.js';
import { fetchRegion } from '../../region.js';
import { useSession } from '../../session-context.js';
import type { RegionProfile } from '../../types.js';
import { sendFile, type UploadTicket } from '../../upload.js';

/** The region's own profile: names, level, officials, bureau, address and emblem. */
export function RegionPage() {
  const region = useAsync(fetchRegion, []);
  const { reloadRegion } = useSession();
  if (region.loading && !region.data) return <Loading />;
  if (region.error) return <ErrorMessage error={region.error} />;
  // The header shows what this page changed.
  const changed = () => {
    region.reload();
    reloadRegion();
  };
  return (
    <>
      <ProfileForm profile={region.data} onSaved={changed} />
      {region.data && <EmblemUpload profile={region.data} onDone={changed} />}
    </>
  );
}

function ProfileForm({ profile, onSaved }: { profile: RegionProfile | undefined; onSaved(): void }) {
  const { t, lang } = useI18n();
  const [saved, setSaved] = useState<RegionValues>();
  const form = useSchemaForm<RegionValues>({
    schema: regionProfileInputSchema,
    initial: profile ? regionValues(profile) : blankRegion(),
    toBody: regionBody,
    idPrefix: 'rg-',
  });
  const save = () =>
    form.submit(async (body) => {
      const values = regionValues(await api<RegionProfile>('PUT', '/api/region', body));
      form.reset(values);
      setSaved(values);
      onSaved();
    });
  return (
    <FormView form={form} onSubmit={save} testId="region-form">
      {profile && (
        <p class="muted">
          {t('Terakhir diubah', 'Last changed')} {formatDate(profile.updatedAt, lang, true)} ·{' '}
          {profile.updatedBy.name}
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

/**
 * The emblem: a PNG or SVG of at most 1 MB, sent straight to storage, then read by the API with a
 * parser and made the emblem only when sound (else its reason is shown and nothing changes).
 */
function EmblemUpload({ profile, onDone }: { profile: RegionProfile; onDone(): void }) {
  const { t } = useI18n();
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
      const ticket = await api<UploadTicket & { key: string }>('POST', '/api/region/emblem', { contentType });
      await sendFile(ticket, file, setProgress);
      await api('PUT', '/api/region/emblem', { key: ticket.key });
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setProgress(undefined);
    }
  };
  const megabytes = MAX_REGION_EMBLEM_BYTES / 1024 / 1024;
  return (
    <Section title={t('Lambang daerah', 'Emblem of the region')} id="emblem">
      {profile.emblem ? (
        <img
          src={profile.emblem.url}
          alt={t('Lambang daerah', 'Emblem of the region')}
          height={96}
          data-testid="emblem"
          data-sha256={profile.emblem.sha256}
        />
      ) : (
        <p class="muted">{t('Belum ada lambang.', 'No emblem yet.')}</p>
      )}
      <div class="field">
        <label for="rg-emblem">
          {t(
            `Unggah lambang (PNG atau SVG, paling besar ${megabytes} MB)`,
            `Upload an emblem (PNG or SVG, at most ${megabytes} MB)`,
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
      <div data-testid="emblem-error">
        <ErrorMessage error={error} />
      </div>
    </Section>
  );
}
