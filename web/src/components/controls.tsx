/** A labelled choice outside a schema form, e.g. a list's filter. */
export function Choice<V extends string>(props: {
  id: string;
  label: string;
  value: V;
  options: readonly (readonly [V, string])[];
  onChange(value: V): void;
}) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <select
        id={props.id}
        name={props.id}
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value as V)}
      >
        {props.options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A labelled search input outside a schema form. */
export function SearchBox(props: { id: string; label: string; value: string; onInput(value: string): void }) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        name={props.id}
        type="search"
        value={props.value}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
    </div>
  );
}
