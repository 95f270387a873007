import { useState } from 'preact/hooks';
import { CATEGORIES, DOCUMENT_TYPES } from '../../../../shared/form/agreement-form.js';
import { ROLES } from '../../../../shared/identity/identity.js';
import { routeStepsSchema, STEP_KINDS, type Step } from '../../../../shared/workflow/route.js';
import type { RouteView } from '../../../../shared/workflow/routes-admin.js';
import { api } from '../../api.js';
import { ErrorMessage, Loading, Section, StatusBadge, useAsync } from '../../components/common.js';
import { Choice } from '../../components/controls.js';
import { FormView, Problems, RemoveItem, Select, SendButton, Text } from '../../form/fields.js';
import { numberOf } from '../../form/form-values.js';
import { useSchemaForm } from '../../form/schema-form.js';
import { useI18n } from '../../i18n.js';
import { categoryLabel, formatDate, kindLabel, roleLabel, typeLabel } from '../../labels.js';
import { onLinkClick } from '../../router.js';

/** Roles that act in a route (the schema refuses the others). */
const ACTING = ROLES.filter((r) => r !== 'evaluator' && r !== 'admin');

type StepValues = Record<keyof Step, string>;

const toValues = (steps: Step[]): { steps: StepValues[] } => ({
  steps: steps.map((s) => ({ ...s, stage: String(s.stage), dueDays: String(s.dueDays) })),
});

const toBody = ({ steps }: { steps: StepValues[] }) => ({
  steps: steps.map((s) => ({ ...s, stage: numberOf(s.stage), dueDays: numberOf(s.dueDays) })),
});

/** The route of each document type × category: stages in order, parallel steps within a stage. */
export function RoutesPage() {
  const { t, lang } = useI18n();
  const [documentType, setType] = useState<string>('MOU');
  const [category, setCategory] = useState<string>('KSDD');
  const route = useAsync(
    () => api<RouteView>('GET', `/api/routes/${documentType}/${category}`),
    [documentType, category],
  );
  return (
    <>
      <div class="card filters">
        <Choice
          id="rt-type"
          label={t('Jenis dokumen', 'Document type')}
          value={documentType}
          options={DOCUMENT_TYPES.map((d) => [d, typeLabel(d, lang)])}
          onChange={setType}
        />
        <Choice
          id="rt-category"
          label={t('Kategori', 'Category')}
          value={category}
          options={CATEGORIES.map((c) => [c, categoryLabel(c, lang)])}
          onChange={setCategory}
        />
      </div>
      {route.loading && <Loading />}
      <ErrorMessage error={route.error} />
      {route.data && !route.loading && (
        <>
          <RouteEditor
            key={`${documentType}/${category}/${route.data.version}`}
            route={route.data}
            onSaved={route.reload}
          />
          <EarlierVersions route={route.data} />
        </>
      )}
    </>
  );
}

function RouteEditor({ route, onSaved }: { route: RouteView; onSaved(): void }) {
  const { t, lang } = useI18n();
  const form = useSchemaForm({
    schema: routeStepsSchema,
    initial: toValues(route.steps),
    toBody,
    idPrefix: 'rt-',
  });
  const steps = form.values.steps;
  const lastStage = Math.max(0, ...steps.map((s) => Number(s.stage) || 0));
  const add = (stage: number) =>
    form.set('steps', [
      ...steps,
      { id: '', stage: String(stage), role: 'biro_staff', kind: 'review', dueDays: '3' },
    ]);
  const save = () =>
    form.submit(async (body) => {
      await api('PUT', `/api/routes/${route.documentType}/${route.category}`, body);
      onSaved();
    });
  return (
    <Section
      title={`${t('Alur', 'Route')} ${route.documentType} · ${route.category} — ${t('versi', 'version')} ${route.version}`}
      id="route"
    >
      <p class="muted">
        {route.updatedAt
          ? t(
              `Diubah ${formatDate(route.updatedAt, 'id', true)} oleh ${route.updatedBy}.`,
              `Changed ${formatDate(route.updatedAt, 'en', true)} by ${route.updatedBy}.`,
            )
          : t('Alur bawaan: belum pernah diubah.', 'The built-in route: never changed.')}{' '}
        {t(
          'Langkah dengan nomor tahap yang sama berjalan paralel. Perubahan berlaku untuk pengajuan berikutnya.',
          'Steps with the same stage number run in parallel. A change applies to later submissions.',
        )}
      </p>
      <FormView form={form} onSubmit={save} testId="route-form">
        <Problems path="steps" />
        {steps.map((_, i) => (
          <fieldset class="step-row" key={i} data-testid="route-step">
            <legend>
              {t('Langkah', 'Step')} {i + 1}
            </legend>
            <div class="grid5">
              <Text path={`steps[${i}].id`} label={t('Kode langkah', 'Step id')} />
              <Text path={`steps[${i}].stage`} type="number" label={t('Tahap', 'Stage')} attrs={{ min: 1 }} />
              <Select
                path={`steps[${i}].role`}
                label={t('Peran', 'Role')}
                options={ACTING.map((r) => [r, roleLabel(r, lang)])}
              />
              <Select
                path={`steps[${i}].kind`}
                label={t('Jenis langkah', 'Kind')}
                options={STEP_KINDS.map((k) => [k, kindLabel(k, lang)])}
              />
              <Text
                path={`steps[${i}].dueDays`}
                type="number"
                label={t('Batas (hari)', 'Due (days)')}
                attrs={{ min: 1 }}
              />
            </div>
            <RemoveItem path="steps" index={i}>
              {t('Hapus langkah', 'Remove the step')}
            </RemoveItem>
          </fieldset>
        ))}
        <div class="actions">
          <button type="button" onClick={() => add(lastStage + 1)}>
            {t('+ Tahap baru', '+ New stage')}
          </button>
          <button type="button" disabled={!lastStage} onClick={() => add(lastStage)}>
            {t(`+ Langkah paralel di tahap ${lastStage}`, `+ Parallel step in stage ${lastStage}`)}
          </button>
        </div>
        <SendButton label={t('Simpan sebagai versi baru', 'Save as a new version')}>
          <button type="button" disabled={form.busy} onClick={() => form.reset(toValues(route.steps))}>
            {t('Batalkan perubahan', 'Undo the changes')}
          </button>
        </SendButton>
      </FormView>
    </Section>
  );
}

/** The agreements under way that keep the route they were submitted with. */
function EarlierVersions({ route }: { route: RouteView }) {
  const { t, bi } = useI18n();
  const kept = route.onEarlierVersions;
  return (
    <Section title={t('Tetap memakai versi lama', 'Keeping an earlier version')} id="route-kept">
      {kept.length === 0 ? (
        <p class="muted">
          {t(
            'Semua naskah yang berjalan memakai versi ini.',
            'Every agreement under way follows this version.',
          )}
        </p>
      ) : (
        <ul class="rows" data-testid="route-kept">
          {kept.map((a) => (
            <li key={a.id}>
              <a href={`/agreements/${a.id}`} onClick={onLinkClick}>
                {bi(a.title)}
              </a>
              <span class="meta">
                {a.unit} · {t('alur versi', 'route version')} {a.routeVersion}
              </span>
              <StatusBadge status={a.status} />
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
