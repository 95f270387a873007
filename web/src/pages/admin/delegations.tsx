import { useState } from 'preact/hooks';
import {
  DELEGATION_KINDS,
  type DelegationKind,
  delegationInputSchema,
  endDelegationSchema,
  OFFICES,
  type Office,
} from '../../../../shared/delegation/delegation.js';
import { api, query } from '../../api.js';
import { ErrorMessage, Loading, type Paged, Section, useAsync } from '../../components/common.js';
import { SearchBox } from '../../components/controls.js';
import { FormView, Select, SendButton, Text } from '../../form/fields.js';
import { useSchemaForm } from '../../form/schema-form.js';
import { useI18n } from '../../i18n.js';
import { formatDate, roleLabel } from '../../labels.js';
import type { Delegation, User } from '../../types.js';

const KINDS: Record<DelegationKind, [id: string, en: string]> = {
  plt: ['Plt. – Pelaksana Tugas (jabatan kosong)', 'Plt. – acting (the office is vacant)'],
  plh: ['Plh. – Pelaksana Harian (berhalangan sementara)', 'Plh. – daily acting (the holder is away)'],
  an: ['a.n. – menandatangani atas nama', 'a.n. – signing on behalf'],
};

interface DelegationValues {
  kind: DelegationKind;
  office: Office;
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

/** Who acts for the head of region or the Sekda, and when: Plt., Plh., or signing a.n. the office. */
export function DelegationsPage() {
  const { t } = useI18n();
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
            <DelegationRow key={d.id} delegation={d} onEnded={list.reload} />
          ))}
        </ul>
      </Section>
    </>
  );
}

function DelegationRow({ delegation: d, onEnded }: { delegation: Delegation; onEnded(): void }) {
  const { t, lang } = useI18n();
  const [ending, setEnding] = useState(false);
  return (
    <li data-delegation={d.id}>
      <strong>
        {KINDS[d.kind][lang === 'en' ? 1 : 0]} · {roleLabel(d.office, lang)}
      </strong>
      <span>
        {d.delegate.name} · {formatDate(d.from, lang)} – {formatDate(d.to, lang)}
      </span>
      <span class="meta">
        {d.reason} · {t('dicatat oleh', 'recorded by')} {d.createdBy.name}
      </span>
      {d.ended ? (
        <span class="meta">
          {t('Diakhiri lebih awal', 'Ended early')} ({d.ended.by.name}, {formatDate(d.ended.at, lang)}):{' '}
          {d.ended.reason}
        </span>
      ) : ending ? (
        <EndDelegation id={d.id} onDone={onEnded} />
      ) : (
        <span class="actions">
          <button type="button" onClick={() => setEnding(true)}>
            {t('Akhiri lebih awal', 'End early')}
          </button>
        </span>
      )}
    </li>
  );
}

/** Ends a delegation from today, with the reason (the admin log keeps it). */
function EndDelegation({ id, onDone }: { id: string; onDone(): void }) {
  const { t } = useI18n();
  const form = useSchemaForm({
    schema: endDelegationSchema,
    initial: { reason: '' },
    idPrefix: `end-${id}-`,
  });
  const send = () =>
    form.submit(async (body) => {
      await api('POST', `/api/admin/delegations/${encodeURIComponent(id)}/end`, body);
      onDone();
    });
  return (
    <FormView form={form} onSubmit={send} class="inline-edit" testId="end-delegation">
      <Text path="reason" label={t('Alasan diakhiri', 'Why it ends')} />
      <SendButton label={t('Akhiri mulai hari ini', 'End it from today')} danger />
    </FormView>
  );
}

function NewDelegation({ onCreated }: { onCreated(): void }) {
  const { t, lang } = useI18n();
  const form = useSchemaForm<DelegationValues>({
    schema: delegationInputSchema,
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
        <div class="grid2">
          <Select
            path="kind"
            label={t('Jenis', 'Kind')}
            options={DELEGATION_KINDS.map((k) => [k, KINDS[k][lang === 'en' ? 1 : 0]])}
          />
          <Select
            path="office"
            label={t('Jabatan', 'Office')}
            options={OFFICES.map((o) => [o, roleLabel(o, lang)])}
          />
        </div>
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
