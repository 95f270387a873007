import { useState } from 'preact/hooks';
import { DELEGATION_KINDS, delegationSchema } from '../../../../shared/admin/requests.js';
import { api, query } from '../../api.js';
import { ErrorMessage, Loading, type Paged, Section, useAsync } from '../../components/common.js';
import { SearchBox } from '../../components/controls.js';
import { FormView, Select, SendButton, Text } from '../../form/fields.js';
import { useSchemaForm } from '../../form/schema-form.js';
import { useI18n } from '../../i18n.js';
import { formatDate, roleLabel } from '../../labels.js';
import type { Delegation, User } from '../../types.js';

type Kind = Delegation['kind'];

const KINDS: Record<Kind, [id: string, en: string]> = {
  plt: ['Plt. – Pelaksana Tugas (jabatan kosong)', 'Plt. – acting head (the office is vacant)'],
  plh: ['Plh. – Pelaksana Harian (berhalangan sementara)', 'Plh. – daily acting head (temporarily absent)'],
  an: ['a.n. – atas nama kepala daerah', 'a.n. – on behalf of the head of region'],
};

interface DelegationValues {
  kind: Kind;
  office: 'kepala_daerah';
  delegate: string;
  from: string;
  to: string;
  reason: string;
}

const blank = (): DelegationValues => ({
  kind: 'plh',
  office: 'kepala_daerah',
  delegate: '',
  from: '',
  to: '',
  reason: '',
});

/** Who acts for the head of region, and when: Plt., Plh., or the Sekda signing a.n. the head. */
export function DelegationsPage() {
  const { t, lang } = useI18n();
  const [activeOn, setActiveOn] = useState('');
  const list = useAsync(
    () => api<Paged<Delegation>>('GET', `/api/admin/delegations${query({ activeOn })}`),
    [activeOn],
  );
  return (
    <>
      <NewDelegation onCreated={list.reload} />
      <Section title={t('Pelaksana dan a.n.', 'Acting officials and a.n.')} id="delegations">
        <div class="filters">
          <div class="field">
            <label for="dl-active-on">{t('Berlaku pada tanggal', 'In force on')}</label>
            <input
              id="dl-active-on"
              type="date"
              value={activeOn}
              onInput={(e) => setActiveOn(e.currentTarget.value)}
            />
          </div>
        </div>
        {list.loading && <Loading />}
        <ErrorMessage error={list.error} />
        {list.data && list.data.items.length === 0 && <p class="muted">{t('Tidak ada.', 'None.')}</p>}
        <ul class="rows" data-testid="delegations">
          {list.data?.items.map((d) => (
            <li key={d.id}>
              <strong>{KINDS[d.kind]?.[lang === 'en' ? 1 : 0] ?? d.kind}</strong>
              <span>
                {d.delegate.name} · {formatDate(d.from, lang)} – {formatDate(d.to, lang)}
              </span>
              <span class="meta">
                {d.reason} · {t('dicatat oleh', 'recorded by')} {d.createdBy}
              </span>
            </li>
          ))}
        </ul>
      </Section>
    </>
  );
}

function NewDelegation({ onCreated }: { onCreated(): void }) {
  const { t, lang } = useI18n();
  const form = useSchemaForm<DelegationValues>({
    schema: delegationSchema,
    initial: blank(),
    idPrefix: 'dl-',
  });
  const send = () =>
    form.submit(async (body) => {
      await api('POST', '/api/admin/delegations', body);
      form.reset(blank());
      onCreated();
    });
  return (
    <Section title={t('Delegasi baru', 'New delegation')} id="new-delegation">
      <FormView form={form} onSubmit={send} testId="new-delegation">
        <Select
          path="kind"
          label={t('Jenis', 'Kind')}
          options={DELEGATION_KINDS.map((k) => [k, KINDS[k][lang === 'en' ? 1 : 0]])}
        />
        <DelegatePicker />
        <div class="grid2">
          <Text path="from" type="date" label={t('Dari tanggal', 'From')} />
          <Text path="to" type="date" label={t('Sampai tanggal', 'To')} />
        </div>
        <Text
          path="reason"
          multiline
          rows={2}
          label={t('Alasan / dasar surat', 'Reason / letter of assignment')}
        />
        <SendButton label={t('Catat delegasi', 'Record the delegation')} />
      </FormView>
    </Section>
  );
}

/** The delegate, chosen among the enabled users found by name. */
function DelegatePicker() {
  const { t, lang } = useI18n();
  const [q, setQ] = useState('');
  const users = useAsync(
    () => api<Paged<User>>('GET', `/api/admin/users${query({ q, enabled: 'true', limit: '50' })}`),
    [q],
  );
  const options = (users.data?.items ?? []).map(
    (u) => [u.id, `${u.name} · ${roleLabel(u.role, lang)}${u.unit ? ` · ${u.unit}` : ''}`] as const,
  );
  return (
    <div class="grid2">
      <SearchBox id="dl-delegate-q" label={t('Cari pengguna', 'Search users')} value={q} onInput={setQ} />
      <Select
        path="delegate"
        label={t('Pelaksana / penanda tangan', 'Acting official / signer')}
        options={[['', t('— pilih —', '— choose —')], ...options]}
      />
    </div>
  );
}
