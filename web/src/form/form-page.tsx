import { useEffect, useMemo, useState } from 'preact/hooks';
import { api } from '../api.js';
import { ErrorMessage, Loading } from '../components/common.js';
import { useI18n } from '../i18n.js';
import { navigate } from '../router.js';
import { useUser } from '../session-context.js';
import type { AgreementView } from '../types.js';
import { ContentSection } from './content.js';
import { clearUnsaved, loadUnsaved, storeUnsaved } from './draft-store.js';
import { FormContext, type FormState } from './form-context.js';
import { blankForm, type FormValues, fromApi, reconcile, toApi } from './form-values.js';
import { GeneralSection } from './general.js';
import { PartiesSection } from './parties.js';
import { setIn } from './paths.js';
import { Preview } from './preview.js';
import { ContactsSection, TermsSection } from './terms.js';
import { validate } from './validation.js';

/** A new draft, or a new version of an existing one (`id`). */
export function FormPage({ id }: { id?: string }) {
  const user = useUser();
  const [start, setStart] = useState<{
    values: FormValues;
    version?: number;
    restored: boolean;
    status?: string;
  }>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    if (!id) {
      const unsaved = loadUnsaved(undefined);
      setStart({ values: unsaved ?? blankForm(user.unit ?? ''), restored: Boolean(unsaved) });
      return;
    }
    api<AgreementView>('GET', `/api/agreements/${id}`).then((a) => {
      const unsaved = loadUnsaved(id, a.currentVersion);
      setStart({
        values: unsaved ?? fromApi(a.form),
        version: a.currentVersion,
        restored: Boolean(unsaved),
        status: a.status,
      });
    }, setError);
  }, [id]);
  if (error) return <ErrorMessage error={error} />;
  if (!start) return <Loading />;
  return <Editor id={id} {...start} />;
}

function Editor(props: {
  id?: string;
  values: FormValues;
  version?: number;
  restored: boolean;
  status?: string;
}) {
  const { t, bi } = useI18n();
  const [values, setValues] = useState(() => reconcile(props.values));
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [showAll, setShowAll] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>();
  const [restored, setRestored] = useState(props.restored);
  const body = useMemo(() => toApi(values), [values]);
  const problems = useMemo(() => validate(body), [body]);
  const [initial] = useState(values);

  // Every change is kept on the device at once, so a reload or a closed tab loses nothing.
  useEffect(() => {
    if (values !== initial) storeUnsaved(props.id, values, props.version);
  }, [values]);

  const visible = (path: string) =>
    showAll || [...touched].some((p) => p === path || p.startsWith(`${path}.`) || p.startsWith(`${path}[`));
  const state: FormState = {
    values,
    bilingual: values.languages.includes('en'),
    set: (path, value) => setValues((v) => reconcile(setIn(v, path, value))),
    touch: (path) => setTouched((s) => (s.has(path) ? s : new Set(s).add(path))),
    problems: (path) => (visible(path) ? (problems.get(path) ?? []) : []),
    problemsUnder: (path) =>
      visible(path)
        ? [...problems]
            .filter(([p]) => p === path || p.startsWith(`${path}.`) || p.startsWith(`${path}[`))
            .flatMap(([, m]) => m)
        : [],
  };

  /** Saves a draft or a new version; with `submit`, sends it on to the route. */
  const save = async (submit: boolean) => {
    setShowAll(true);
    if (problems.size) {
      setError(undefined);
      // After the render that marks every invalid field: the first one in the page gets the focus.
      requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setSaving(true);
    setError(undefined);
    try {
      const saved = props.id
        ? await api<{ id: string; version: number }>('POST', `/api/agreements/${props.id}/versions`, body)
        : await api<{ id: string; version: number }>('POST', '/api/agreements', body);
      clearUnsaved(props.id);
      if (submit) {
        const action = props.status === 'changes_requested' ? 'resubmit' : 'submit';
        // The version is saved either way: should submitting fail, the agreement page offers it again
        // rather than this form saving a second draft.
        await api('POST', `/api/agreements/${saved.id}/actions`, { action, version: saved.version }).catch(
          () => {},
        );
      }
      navigate(`/agreements/${saved.id}`);
    } catch (e) {
      setError(e);
      setSaving(false);
    }
  };
  const discard = () => {
    clearUnsaved(props.id);
    setRestored(false);
    location.reload();
  };

  return (
    <FormContext.Provider value={state}>
      <h1>
        {props.id
          ? `${t('Revisi', 'Revise')}: ${bi(values.title)}`
          : t('Draf kerja sama baru', 'New cooperation draft')}
      </h1>
      {restored && (
        <div class="alert info" role="status">
          {t(
            'Isian yang belum disimpan dipulihkan dari perangkat ini.',
            'Unsaved input was restored from this device.',
          )}{' '}
          <button type="button" class="link" onClick={discard}>
            {t('Buang dan mulai ulang', 'Discard and start over')}
          </button>
        </div>
      )}
      <div class="form-layout">
        <form
          class="agreement-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            save(false);
          }}
        >
          <GeneralSection />
          <PartiesSection />
          <ContentSection />
          <TermsSection />
          <ContactsSection />
          {showAll && problems.size > 0 && (
            <div class="alert error" role="alert" data-testid="form-problems">
              {t(
                `Ada ${problems.size} isian yang perlu diperbaiki.`,
                `${problems.size} field(s) need fixing.`,
              )}
            </div>
          )}
          <ErrorMessage error={error} />
          <div class="actions sticky">
            <button type="submit" class="primary" disabled={saving}>
              {t('Simpan draf', 'Save draft')}
            </button>
            <button type="button" disabled={saving} onClick={() => save(true)}>
              {props.status === 'changes_requested'
                ? t('Simpan dan ajukan kembali', 'Save and resubmit')
                : t('Simpan dan ajukan', 'Save and submit')}
            </button>
          </div>
        </form>
        <Preview body={body} valid={problems.size === 0} />
      </div>
    </FormContext.Provider>
  );
}
