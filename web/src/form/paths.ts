/** `parties[1].signatory.name` → ['parties', 1, 'signatory', 'name']: the schema's paths as keys. */
export function keysOf(path: string): (string | number)[] {
  return path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean)
    .map((k) => (/^\d+$/.test(k) ? Number(k) : k));
}

export function getIn(value: unknown, path: string): unknown {
  let current = value;
  for (const key of keysOf(path)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

/** A copy of `value` with the value at `path` replaced; everything else shared. */
export function setIn<T>(value: T, path: string, next: unknown): T {
  const [head, ...rest] = keysOf(path);
  if (head === undefined) return next as T;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    unknown
  >;
  copy[head] = rest.length ? setIn(copy[head], rest.join('.'), next) : next;
  return copy as T;
}
