import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { ErrorMessage } from '../../components/common.js';
import { FormView, SendButton } from '../../form/fields.js';
import type { SchemaForm } from '../../form/schema-form.js';
import { useI18n } from '../../i18n.js';

/**
 * One record of a list (a unit, a user): what it is, an editor that opens under it, and a switch
 * (deactivate, disable) sent at once; each a PATCH of `path`, the API's refusal shown under the row.
 */
export function RecordRow(props: {
  path: string;
  attrs: Record<string, string>;
  children: ComponentChildren;
  editLabel: string;
  toggle: { label: string; danger: boolean; body: unknown };
  onChange(): void;
  editor(done: () => void): ComponentChildren;
  /** More about a refusal, e.g. the drafts that keep a unit active. */
  details?(error: unknown): ComponentChildren;
}) {
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<unknown>();
  const toggle = () =>
    api('PATCH', props.path, props.toggle.body).then(() => {
      setError(undefined);
      props.onChange();
    }, setError);
  return (
    <li {...props.attrs}>
      {props.children}
      <span class="actions">
        <button type="button" onClick={() => setEditing(!editing)} aria-expanded={editing}>
          {props.editLabel}
        </button>
        <button type="button" class={props.toggle.danger ? 'danger' : undefined} onClick={toggle}>
          {props.toggle.label}
        </button>
      </span>
      <ErrorMessage error={error} />
      {props.details?.(error)}
      {editing &&
        props.editor(() => {
          setEditing(false);
          props.onChange();
        })}
    </li>
  );
}

/** A record's editor under its row: its fields, then "Save", sent as a PATCH of `path`. */
export function EditRecord<V>(props: {
  form: SchemaForm<V>;
  path: string;
  testId: string;
  onSaved(): void;
  children: ComponentChildren;
}) {
  const { t } = useI18n();
  const send = () =>
    props.form.submit(async (body) => {
      await api('PATCH', props.path, body);
      props.onSaved();
    });
  return (
    <FormView form={props.form} onSubmit={send} class="inline-edit" testId={props.testId}>
      {props.children}
      <SendButton label={t('Simpan', 'Save')} />
    </FormView>
  );
}
