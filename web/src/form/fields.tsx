import type { ComponentChildren } from 'preact';
import { useI18n } from '../i18n.js';
import { useForm } from './form-context.js';
import { getIn } from './paths.js';

const inputId = (path: string) => `f-${path.replace(/[^\w-]/g, '_')}`;

/** The schema's messages for one path, announced as they change. */
export function Problems({ path, under = false }: { path: string; under?: boolean }) {
  const form = useForm();
  const { bi } = useI18n();
  const list = under ? form.problemsUnder(path) : form.problems(path);
  if (!list.length) return null;
  return (
    <ul class="problems" id={`${inputId(path)}-err`} aria-live="polite" data-path={path}>
      {list.map((p) => (
        <li key={p.en}>{bi(p)}</li>
      ))}
    </ul>
  );
}

interface TextProps {
  path: string;
  label: string;
  hint?: string;
  type?: 'text' | 'email' | 'date' | 'number' | 'tel';
  multiline?: boolean;
  readOnly?: boolean;
  lang?: string;
  class?: string;
}

/** One labelled input bound to `path` of the form, with the schema's messages under it. */
export function Text({ path, label, hint, type = 'text', multiline, readOnly, lang, class: cls }: TextProps) {
  const form = useForm();
  const id = inputId(path);
  const value = String(getIn(form.values, path) ?? '');
  const invalid = form.problems(path).length > 0;
  const common = {
    id,
    name: path,
    value,
    readOnly,
    lang,
    'aria-invalid': invalid || undefined,
    'aria-describedby': invalid ? `${id}-err` : hint ? `${id}-hint` : undefined,
    onInput: (e: Event) => {
      form.set(path, (e.currentTarget as HTMLInputElement).value);
      form.touch(path);
    },
    onBlur: () => form.touch(path),
  };
  return (
    <div class={`field ${cls ?? ''}`}>
      <label for={id}>{label}</label>
      {/* preact types each input type with its own attributes; these five share the ones used here */}
      {multiline ? <textarea rows={3} {...common} /> : <input type={type as 'text'} {...common} />}
      {hint && !invalid && (
        <small id={`${id}-hint`} class="hint">
          {hint}
        </small>
      )}
      <Problems path={path} />
    </div>
  );
}

/** A bilingual text: Indonesian and English side by side; English only for a bilingual document. */
export function BiText({ path, label, multiline }: { path: string; label: string; multiline?: boolean }) {
  const form = useForm();
  const { t } = useI18n();
  return (
    <fieldset class={`bi ${form.bilingual ? 'two' : 'one'}`}>
      <legend>{label}</legend>
      <Text path={`${path}.id`} label={t('Bahasa Indonesia', 'Indonesian')} lang="id" multiline={multiline} />
      {form.bilingual && (
        <Text path={`${path}.en`} label={t('Bahasa Inggris', 'English')} lang="en" multiline={multiline} />
      )}
      <Problems path={path} />
    </fieldset>
  );
}

export function Group({
  title,
  children,
  path,
}: {
  title: string;
  children: ComponentChildren;
  path?: string;
}) {
  return (
    <section class="card form-group">
      <h2>{title}</h2>
      {path && <Problems path={path} />}
      {children}
    </section>
  );
}
