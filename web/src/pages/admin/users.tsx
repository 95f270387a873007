import { useState } from 'preact/hooks';
import { newUserSchema, userChangeSchema } from '../../../../shared/admin/user.js';
import { isUnitRole, ROLES, type Role } from '../../../../shared/identity/identity.js';
import { api, query } from '../../api.js';
import {
  ErrorMessage,
  Loading,
  type Paged,
  Pager,
  Section,
  useAsync,
  usePages,
} from '../../components/common.js';
import { Choice, SearchBox } from '../../components/controls.js';
import { FormView, Select, SendButton, Text } from '../../form/fields.js';
import { useForm, useSchemaForm } from '../../form/schema-form.js';
import { useI18n } from '../../i18n.js';
import { roleLabel } from '../../labels.js';
import type { User } from '../../types.js';
import { EditRecord, RecordRow } from './record-row.js';
import { useUnitOptions } from './unit-options.js';

interface Invite {
  name: string;
  email: string;
  nip: string;
  role: Role;
  unit: string;
  username: string;
}

const blankInvite = (): Invite => ({
  name: '',
  email: '',
  nip: '',
  role: 'opd_drafter',
  unit: '',
  username: '',
});

/** A unit only for an OPD role, and only when chosen: the schema then says a unit is missing. */
const unitOf = ({ role, unit }: { role: string; unit: string }) =>
  isUnitRole(role as Role) && unit ? { unit } : {};

/** Role and unit, with the unit asked only for an OPD role. */
function RoleAndUnit() {
  const { t, lang } = useI18n();
  const units = useUnitOptions(t('— pilih unit —', '— choose a unit —'));
  const { role } = useForm<{ role: Role }>().values;
  return (
    <div class="grid2">
      <Select path="role" label={t('Peran', 'Role')} options={ROLES.map((r) => [r, roleLabel(r, lang)])} />
      {isUnitRole(role) && <Select path="unit" label={t('Unit (OPD)', 'Unit (OPD)')} options={units} />}
    </div>
  );
}

/** The region's users: invite, change role, unit or signing NIK, disable and re-enable; searched and filtered. */
export function UsersPage() {
  const { t, lang } = useI18n();
  const [filters, setFilters] = useState({ q: '', role: '', unit: '', enabled: '' });
  const pages = usePages();
  const { cursor } = pages;
  const list = useAsync(
    () => api<Paged<User>>('GET', `/api/admin/users${query({ ...filters, cursor, limit: '20' })}`),
    [JSON.stringify(filters), cursor],
  );
  const units = useUnitOptions(t('Semua unit', 'All units'));
  const filter = (name: keyof typeof filters) => (value: string) => {
    pages.reset();
    setFilters({ ...filters, [name]: value });
  };
  return (
    <>
      <InviteUser onInvited={list.reload} />
      <Section title={t('Daftar pengguna', 'Users')} id="users">
        <div class="filters">
          <SearchBox
            id="user-q"
            label={t('Cari nama, email atau NIP', 'Search name, email or NIP')}
            value={filters.q}
            onInput={filter('q')}
          />
          <Choice
            id="user-role"
            label={t('Peran', 'Role')}
            value={filters.role}
            options={[
              ['', t('Semua peran', 'All roles')],
              ...ROLES.map((r) => [r, roleLabel(r, lang)] as const),
            ]}
            onChange={filter('role')}
          />
          <Choice
            id="user-unit"
            label={t('Unit', 'Unit')}
            value={filters.unit}
            options={units}
            onChange={filter('unit')}
          />
          <Choice
            id="user-enabled"
            label={t('Status', 'Status')}
            value={filters.enabled}
            options={[
              ['', t('Semua', 'All')],
              ['true', t('Aktif', 'Enabled')],
              ['false', t('Dinonaktifkan', 'Disabled')],
            ]}
            onChange={filter('enabled')}
          />
        </div>
        {list.loading && <Loading />}
        <ErrorMessage error={list.error} />
        {list.data && list.data.items.length === 0 && (
          <p class="muted">{t('Tidak ada pengguna.', 'No users.')}</p>
        )}
        <ul class="rows" data-testid="users">
          {list.data?.items.map((u) => (
            <UserRow key={u.id} user={u} onChange={list.reload} />
          ))}
        </ul>
        <Pager pages={pages} nextCursor={list.data?.nextCursor} />
      </Section>
    </>
  );
}

function InviteUser({ onInvited }: { onInvited(): void }) {
  const { t } = useI18n();
  const [invited, setInvited] = useState<User>();
  const form = useSchemaForm<Invite>({
    schema: newUserSchema,
    initial: blankInvite(),
    toBody: ({ unit, username, ...v }) => ({
      ...v,
      ...unitOf({ role: v.role, unit }),
      ...(username.trim() ? { username } : {}),
    }),
    idPrefix: 'iu-',
  });
  const send = () =>
    form.submit(async (body) => {
      setInvited(await api<User>('POST', '/api/admin/users', body));
      form.reset(blankInvite());
      onInvited();
    });
  return (
    <Section title={t('Undang pengguna', 'Invite a user')} id="invite">
      <FormView form={form} onSubmit={send} testId="invite-user">
        <div class="grid2">
          <Text path="name" label={t('Nama lengkap', 'Full name')} />
          <Text path="email" type="email" label={t('Email', 'Email')} />
          <Text path="nip" label={t('NIP (18 angka)', 'NIP (18 digits)')} attrs={{ inputMode: 'numeric' }} />
          <Text path="username" label={t('Nama pengguna (opsional)', 'Username (optional)')} />
        </div>
        <RoleAndUnit />
        {invited && (
          <p class="alert ok" role="status" data-testid="invited">
            {t(
              `${invited.name} diundang sebagai ${invited.username}.`,
              `${invited.name} was invited as ${invited.username}.`,
            )}
          </p>
        )}
        <SendButton label={t('Undang', 'Invite')} />
      </FormView>
    </Section>
  );
}

function UserRow({ user, onChange }: { user: User; onChange(): void }) {
  const { t, lang } = useI18n();
  const path = `/api/admin/users/${encodeURIComponent(user.id)}`;
  return (
    <RecordRow
      path={path}
      attrs={{ 'data-user': user.username }}
      editLabel={t('Ubah peran/unit/NIK', 'Change role/unit/NIK')}
      toggle={{
        label: user.enabled ? t('Nonaktifkan', 'Disable') : t('Aktifkan kembali', 'Re-enable'),
        danger: user.enabled,
        body: { enabled: !user.enabled },
      }}
      onChange={onChange}
      editor={(done) => <EditUser user={user} path={path} onSaved={done} />}
    >
      <span>
        <strong>{user.name}</strong> <span class="muted">{user.username}</span>
      </span>
      <span class="meta">
        {roleLabel(user.role, lang)}
        {user.unit ? ` · ${user.unit}` : ''} · {user.email} · NIP {user.nip}
        {user.nik ? ` · NIK ${user.nik}` : ''}
      </span>
      {!user.enabled && <span class="badge bad">{t('Dinonaktifkan', 'Disabled')}</span>}
    </RecordRow>
  );
}

function EditUser({ user, path, onSaved }: { user: User; path: string; onSaved(): void }) {
  const { t } = useI18n();
  const form = useSchemaForm({
    schema: userChangeSchema,
    initial: { role: user.role, unit: user.unit ?? '', nik: user.nik ?? '' },
    // An emptied NIK takes it away (null); an untouched empty one is left out.
    toBody: (v) => ({
      role: v.role,
      ...unitOf(v),
      ...(v.nik.trim() ? { nik: v.nik.trim() } : user.nik ? { nik: null } : {}),
    }),
    idPrefix: `euser-${user.id}-`,
  });
  return (
    <EditRecord form={form} path={path} onSaved={onSaved} testId="edit-user">
      <RoleAndUnit />
      <Text
        path="nik"
        label={t('NIK untuk tanda tangan elektronik (16 angka)', 'NIK for electronic signatures (16 digits)')}
        attrs={{ inputMode: 'numeric' }}
      />
    </EditRecord>
  );
}
