import { useState } from 'preact/hooks';
import { unitCreateSchema, unitPatchSchema } from '../../../../shared/admin/unit.js';
import { ApiError, api, query } from '../../api.js';
import {
  ErrorMessage,
  Loading,
  MoreButton,
  type Paged,
  Section,
  StatusBadge,
  useMore,
} from '../../components/common.js';
import { SearchBox } from '../../components/controls.js';
import { BiText, FormView, SendButton, Text } from '../../form/fields.js';
import type { Bi } from '../../form/form-values.js';
import { useSchemaForm } from '../../form/schema-form.js';
import { useI18n } from '../../i18n.js';
import { onLinkClick } from '../../router.js';
import type { Unit } from '../../types.js';
import { EditRecord, RecordRow } from './record-row.js';

interface UnitValues {
  code: string;
  name: Bi;
  head: { name: string; nip: string };
}

const blankUnit = (): UnitValues => ({ code: '', name: { id: '', en: '' }, head: { name: '', nip: '' } });

/** The head as typed: named, with its NIP when typed; or none (`undefined`) when left empty. */
const headOf = ({ head }: Pick<UnitValues, 'head'>) =>
  head.name.trim() || head.nip.trim()
    ? { name: head.name, ...(head.nip.trim() ? { nip: head.nip } : {}) }
    : undefined;

/** The region's units (OPD): create, rename, set the head, deactivate and reactivate. */
export function UnitsPage() {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [includeInactive, setIncludeInactive] = useState(false);
  const list = useMore<Unit, Paged<Unit>>(
    (cursor) =>
      api(
        'GET',
        `/api/admin/units${query({ q, includeInactive: includeInactive ? 'true' : undefined, cursor })}`,
      ),
    [q, includeInactive],
  );
  return (
    <>
      <CreateUnit onCreated={list.reload} />
      <Section title={t('Daftar unit', 'Units')} id="units">
        <div class="filters">
          <SearchBox
            id="unit-q"
            label={t('Cari kode atau nama', 'Search code or name')}
            value={q}
            onInput={setQ}
          />
          <label class="check">
            <input
              type="checkbox"
              checked={includeInactive}
              onChange={(e) => setIncludeInactive(e.currentTarget.checked)}
            />
            {t('Tampilkan yang nonaktif', 'Show inactive units')}
          </label>
        </div>
        <ErrorMessage error={list.error} />
        {list.items.length === 0 &&
          (list.loading ? <Loading /> : <p class="muted">{t('Tidak ada unit.', 'No units.')}</p>)}
        <ul class="rows" data-testid="units">
          {list.items.map((u) => (
            <UnitRow key={u.code} unit={u} onChange={list.reload} />
          ))}
        </ul>
        <MoreButton list={list} />
      </Section>
    </>
  );
}

/** Name in both languages and the head of the unit: the fields a unit is created and edited with. */
function UnitFields() {
  const { t } = useI18n();
  return (
    <>
      <BiText path="name" label={t('Nama unit', 'Name of the unit')} always />
      <div class="grid2">
        <Text path="head.name" label={t('Kepala unit (opsional)', 'Head of the unit (optional)')} />
        <Text
          path="head.nip"
          label={t('NIP kepala (18 angka, opsional)', 'Head’s NIP (18 digits, optional)')}
        />
      </div>
    </>
  );
}

function CreateUnit({ onCreated }: { onCreated(): void }) {
  const { t } = useI18n();
  const form = useSchemaForm<UnitValues>({
    schema: unitCreateSchema,
    initial: blankUnit(),
    toBody: (v) => ({ code: v.code, name: v.name, head: headOf(v) }),
    idPrefix: 'nu-',
  });
  const send = () =>
    form.submit(async (body) => {
      await api('POST', '/api/admin/units', body);
      form.reset(blankUnit());
      onCreated();
    });
  return (
    <Section title={t('Unit baru', 'New unit')} id="new-unit">
      <FormView form={form} onSubmit={send} testId="new-unit">
        <Text
          path="code"
          label={t('Kode unit (mis. DISKOMINFO)', 'Unit code (e.g. DISKOMINFO)')}
          attrs={{ autocapitalize: 'characters' }}
        />
        <UnitFields />
        <SendButton label={t('Tambah unit', 'Add the unit')} />
      </FormView>
    </Section>
  );
}

function UnitRow({ unit, onChange }: { unit: Unit; onChange(): void }) {
  const { t, bi } = useI18n();
  const path = `/api/admin/units/${encodeURIComponent(unit.code)}`;
  return (
    <RecordRow
      path={path}
      attrs={{ 'data-unit': unit.code }}
      editLabel={t('Ubah', 'Edit')}
      toggle={{
        label: unit.active ? t('Nonaktifkan', 'Deactivate') : t('Aktifkan kembali', 'Reactivate'),
        danger: unit.active,
        body: { active: !unit.active },
      }}
      onChange={onChange}
      editor={(done) => <EditUnit unit={unit} path={path} onSaved={done} />}
      details={(error) => <OpenDrafts error={error} />}
    >
      <span>
        <strong>{unit.code}</strong> {bi(unit.name)}
      </span>
      <span class="meta">
        {unit.head ? `${t('Kepala', 'Head')}: ${unit.head.name}` : t('Kepala belum diisi', 'No head set')}
      </span>
      {!unit.active && <span class="badge bad">{t('Nonaktif', 'Inactive')}</span>}
    </RecordRow>
  );
}

/** A unit with open drafts stays active: the API's 409 lists them. */
function OpenDrafts({ error }: { error: unknown }) {
  const { bi } = useI18n();
  const details =
    error instanceof ApiError ? (error.details as { agreements?: unknown } | undefined) : undefined;
  const agreements = details?.agreements as { id: string; title: Bi; status: string }[] | undefined;
  if (!agreements?.length) return null;
  return (
    <ul class="open-drafts" data-testid="open-drafts">
      {agreements.map((a) => (
        <li key={a.id}>
          <a href={`/agreements/${a.id}`} onClick={onLinkClick}>
            {bi(a.title)}
          </a>{' '}
          <StatusBadge status={a.status} />
        </li>
      ))}
    </ul>
  );
}

function EditUnit({ unit, path, onSaved }: { unit: Unit; path: string; onSaved(): void }) {
  const form = useSchemaForm<Omit<UnitValues, 'code'>>({
    schema: unitPatchSchema,
    initial: { name: unit.name, head: { name: unit.head?.name ?? '', nip: unit.head?.nip ?? '' } },
    // A head emptied here is taken off the unit (`null`).
    toBody: (v) => ({ name: v.name, head: headOf(v) ?? null }),
    idPrefix: `eunit-${unit.code}-`,
  });
  return (
    <EditRecord form={form} path={path} onSaved={onSaved} testId="edit-unit">
      <UnitFields />
    </EditRecord>
  );
}
