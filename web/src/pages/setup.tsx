import { setupSchema } from '../../../shared/admin/setup.js';
import { api } from '../api.js';
import { FormView, Group, SendButton, Text } from '../form/fields.js';
import { blankRegion, RegionFields, type RegionValues, regionBody } from '../form/region-fields.js';
import { useSchemaForm } from '../form/schema-form.js';
import { useI18n } from '../i18n.js';
import { useSession } from '../session-context.js';

interface SetupValues {
  region: RegionValues;
  admin: { name: string; email: string; nip: string; username: string };
}

/** An empty embedded stack: the region's profile and its first admin, who is then signed in. */
export function SetupPage() {
  const { t } = useI18n();
  const { signIn } = useSession();
  const form = useSchemaForm<SetupValues>({
    schema: setupSchema,
    initial: { region: blankRegion(), admin: { name: '', email: '', nip: '', username: '' } },
    toBody: (v) => ({ ...v, region: regionBody(v.region) }),
    draft: { key: 'kerjasama.setup' },
    idPrefix: 'setup-',
  });
  const send = () =>
    form.submit(async (body) => signIn((await api<{ token: string }>('POST', '/api/setup', body)).token));
  return (
    <FormView form={form} onSubmit={send} testId="setup-form" class="narrow">
      <h1>{t('Penyiapan awal', 'First start')}</h1>
      <p>
        {t(
          'Sistem ini belum memiliki daerah dan admin. Isi profil daerah dan admin pertama; admin lalu masuk dan menambahkan unit serta pengguna.',
          'This system has no region and no admin yet. Fill in the region’s profile and the first admin; the admin is then signed in to add units and users.',
        )}
      </p>
      <RegionFields prefix="region." />
      <Group title={t('Admin pertama', 'First admin')}>
        <div class="grid2">
          <Text path="admin.name" label={t('Nama lengkap', 'Full name')} />
          <Text path="admin.username" label={t('Nama pengguna', 'Username')} />
          <Text path="admin.email" type="email" label={t('Email', 'Email')} />
          <Text
            path="admin.nip"
            label={t('NIP (18 angka)', 'NIP (18 digits)')}
            attrs={{ inputMode: 'numeric' }}
          />
        </div>
      </Group>
      <SendButton label={t('Siapkan dan masuk', 'Set up and sign in')} />
    </FormView>
  );
}
