import type { ComponentChildren } from 'preact';
import type { Bilingual } from '../../../shared/form/messages.js';
import { ErrorMessage } from '../components/common.js';
import { useI18n } from '../i18n.js';
import { type FormValues, isBilingual } from './form-values.js';
import { getIn } from './paths.js';
import { FormContext, type SchemaForm, useForm } from './schema-form.js';

/**
 * The <form> of a schema form: the fields inside find it, the browser's own checks stay off (the
 * schema's messages replace them), and submitting calls `onSubmit` rather than loading a page.
 */
export function FormView<V>(props: {
  form: SchemaForm<V>;
  onSubmit?: () => void;
  class?: string;
  testId?: string;
  children: ComponentChildren;
}) {
  return (
    <FormContext.Provider value={props.form as SchemaForm<unknown>}>
      <form
        ref={props.form.ref}
        class={props.class}
        data-testid={props.testId}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          props.onSubmit?.();
        }}
      >
        {props.children}
      </form>
    </FormContext.Provider>
  );
}

/** The form's messages at one path (or `list`, read from the form by the caller), announced as they change. */
export function Problems({
  path,
  under = false,
  list,
}: {
  path: string;
  under?: boolean;
  list?: Bilingual[];
}) {
  const form = useForm();
  const { bi } = useI18n();
  const shown = list ?? (under ? form.messagesUnder(path) : form.messages(path));
  if (!shown.length) return null;
  return (
    <ul class="problems" id={`${form.inputId(path)}-err`} aria-live="polite" data-path={path}>
      {shown.map((p) => (
        <li key={p.en}>{bi(p)}</li>
      ))}
    </ul>
  );
}

interface TextProps {
  path: string;
  label: ComponentChildren;
  hint?: string;
  type?: 'text' | 'email' | 'date' | 'number' | 'tel';
  multiline?: boolean;
  rows?: number;
  readOnly?: boolean;
  lang?: string;
  class?: string;
  /** More attributes of the input, e.g. a date's bounds. */
  attrs?: Record<string, string | number | undefined>;
  /** Beside the input on its line, e.g. a button that removes it. */
  after?: ComponentChildren;
}

/** One labelled input bound to `path` of the form, with the schema's and the API's messages under it. */
export function Text(props: TextProps) {
  const { path, hint, type = 'text', multiline, rows = 3, after } = props;
  const form = useForm();
  const field = form.field(path);
  const common = {
    ...props.attrs,
    ...field,
    value: String(getIn(form.values, path) ?? ''),
    readOnly: props.readOnly,
    lang: props.lang,
    'aria-describedby': field['aria-describedby'] ?? (hint ? `${field.id}-hint` : undefined),
    onInput: (e: Event) => {
      form.set(path, (e.currentTarget as HTMLInputElement).value);
      form.touch(path);
    },
  };
  // preact types each input type with its own attributes; these five share the ones used here
  const input = multiline ? (
    <textarea rows={rows} {...common} />
  ) : (
    <input type={type as 'text'} {...common} />
  );
  return (
    <div class={`field ${props.class ?? ''}`}>
      <label for={field.id}>{props.label}</label>
      {after ? (
        <div class="line">
          {input}
          {after}
        </div>
      ) : (
        input
      )}
      {hint && !field['aria-invalid'] && (
        <small id={`${field.id}-hint`} class="hint">
          {hint}
        </small>
      )}
      <Problems path={path} />
    </div>
  );
}

/** A labelled choice bound to `path`; `onPick` replaces storing the value as picked. */
export function Select(props: {
  path: string;
  label: string;
  options: readonly (readonly [string, string])[];
  onPick?: (value: string) => void;
}) {
  const { path } = props;
  const form = useForm();
  const field = form.field(path);
  const pick =
    props.onPick ??
    ((value: string) => {
      form.set(path, value);
      form.touch(path);
    });
  return (
    <div class="field">
      <label for={field.id}>{props.label}</label>
      <select
        {...field}
        value={String(getIn(form.values, path) ?? '')}
        onChange={(e) => pick(e.currentTarget.value)}
      >
        {props.options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
      <Problems path={path} />
    </div>
  );
}

/**
 * A bilingual text: Indonesian and English side by side; in an agreement's form English only for a
 * bilingual document, in an administrative record (`always`) both.
 */
export function BiText(props: { path: string; label: string; multiline?: boolean; always?: boolean }) {
  const { path, label, multiline } = props;
  const form = useForm<FormValues>();
  const { t } = useI18n();
  const bilingual = props.always || isBilingual(form.values);
  return (
    <fieldset class={`bi ${bilingual ? 'two' : 'one'}`}>
      <legend>{label}</legend>
      <Text path={`${path}.id`} label={t('Bahasa Indonesia', 'Indonesian')} lang="id" multiline={multiline} />
      {bilingual && (
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

/**
 * The end of a form: why the last send failed (what no field shows), then the button that sends it
 * and any other buttons of the form (`children`).
 */
export function SendButton({
  label,
  danger,
  children,
}: {
  label: string;
  danger?: boolean;
  children?: ComponentChildren;
}) {
  const form = useForm();
  return (
    <>
      <ErrorMessage error={form.error} shownAt={form.shownAt} />
      <div class="actions">
        <button type="submit" class={danger ? 'danger' : 'primary'} disabled={form.busy}>
          {label}
        </button>
        {children}
      </div>
    </>
  );
}

/** A button that takes item `index` out of the list at `path`. */
export function RemoveItem({
  path,
  index,
  children,
}: {
  path: string;
  index: number;
  children: ComponentChildren;
}) {
  const form = useForm();
  const list = (getIn(form.values, path) as unknown[] | undefined) ?? [];
  return (
    <button
      type="button"
      class="link danger"
      onClick={() =>
        form.set(
          path,
          list.filter((_, j) => j !== index),
        )
      }
    >
      {children}
    </button>
  );
}
