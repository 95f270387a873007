import { useEffect, useState } from 'preact/hooks';
import { agreementFormSchema } from '../../../shared/form/agreement-form.js';
import { api, query } from '../api.js';
import { ErrorMessage, Loading } from '../components/common.js';
import { useI18n } from '../i18n.js';
import { fetchRegion } from '../region.js';
import { navigate } from '../router.js';
import { useUser } from '../session-context.js';
import type { AgreementView, Page, Unit } from '../types.js';
import { ContentSection } from './content.js';
import { FormView } from './fields.js';
import { blankForm, type FormValues, fromApi, reconcile, toApi } from './form-values.js';
import { GeneralSection } from './general.js';
import { PartiesSection } from './parties.js';
import { Preview } from './preview.js';
import { useSchemaForm } from './schema-form.js';
import { ContactsSection, TermsSection } from './terms.js';

/** The name the unit registry gives the drafter's unit (GET /api/units, open to everyone signed in). */
async function unitName(code: string | undefined): Promise<string> {
  if (!code) return '';
  const units = await api<Page<Pick<Unit, 'code' | 'name'>>>(
    'GET',
    `/api/units${query({ q: code, limit: '100' })}`,
  );
  return units.items.find((u) => u.code === code)?.name.id ?? '';
}

/** A new draft, or a new version of an existing one (`id`). */
export function FormPage({ id }: { id?: string }) {
  const user = useUser();
  const [start, setStart] = useState<{ values: FormValues; version?: number; status?: string }>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    if (!id) {
      // The region's profile gives the first party and the registry the unit's name; a form
      // without them is still a form.
      Promise.all([fetchRegion().catch(() => undefined), unitName(user.unit).catch(() => '')]).then(
        ([region, name]) => setStart({ values: blankForm({ code: user.unit ?? '', name }, region) }),
      );
      return;
    }
    api<AgreementView>('GET', `/api/agreements/${id}`).then(
      (a) => setStart({ values: fromApi(a.form), version: a.currentVersion, status: a.status }),
      setError,
    );
  }, [id]);
  if (error) return <ErrorMessage error={error} />;
  if (!start) return <Loading />;
  return <Editor id={id} {...start} />;
}

function Editor(props: { id?: string; values: FormValues; version?: number; status?: string }) {
  const { t, bi } = useI18n();
  const form = useSchemaForm({
    schema: agreementFormSchema,
    initial: props.values,
    toBody: toApi,
    reconcile,
    draft: { key: `kerjasama.form.${props.id ?? 'new'}`, version: props.version },
    idPrefix: 'f-',
  });
  const { values, problems } = form;

  /** Saves a draft or a new version; with `submit`, sends it on to the route. */
  const save = (submit: boolean) =>
    form.submit(async (body) => {
      const saved = props.id
        ? await api<{ id: string; version: number }>('POST', `/api/agreements/${props.id}/versions`, body)
        : await api<{ id: string; version: number }>('POST', '/api/agreements', body);
      if (submit) {
        const action = props.status === 'changes_requested' ? 'resubmit' : 'submit';
        // The version is saved either way: should submitting fail, the agreement page offers it again
        // rather than this form saving a second draft.
        await api('POST', `/api/agreements/${saved.id}/actions`, { action, version: saved.version }).catch(
          () => {},
        );
      }
      navigate(`/agreements/${saved.id}`);
    });

  return (
    <>
      <h1>
        {props.id
          ? `${t('Revisi', 'Revise')}: ${bi(values.title)}`
          : t('Draf kerja sama baru', 'New cooperation draft')}
      </h1>
      {form.restored && (
        <div class="alert info" role="status">
          {t(
            'Isian yang belum disimpan dipulihkan dari perangkat ini.',
            'Unsaved input was restored from this device.',
          )}{' '}
          <button type="button" class="link" onClick={form.discard}>
            {t('Buang dan mulai ulang', 'Discard and start over')}
          </button>
        </div>
      )}
      <div class="form-layout">
        <FormView form={form} class="agreement-form" onSubmit={() => save(false)}>
          <GeneralSection />
          <PartiesSection />
          <ContentSection />
          <TermsSection />
          <ContactsSection />
          {form.tried && problems.size > 0 && (
            <div class="alert error" role="alert" data-testid="form-problems">
              {t(
                `Ada ${problems.size} isian yang perlu diperbaiki.`,
                `${problems.size} field(s) need fixing.`,
              )}
            </div>
          )}
          <ErrorMessage error={form.error} shownAt={form.shownAt} />
          <div class="actions sticky">
            <button type="submit" class="primary" disabled={form.busy}>
              {t('Simpan draf', 'Save draft')}
            </button>
            <button type="button" disabled={form.busy} onClick={() => save(true)}>
              {props.status === 'changes_requested'
                ? t('Simpan dan ajukan kembali', 'Save and resubmit')
                : t('Simpan dan ajukan', 'Save and submit')}
            </button>
          </div>
        </FormView>
        <Preview body={form.body} valid={problems.size === 0} />
      </div>
    </>
  );
}
