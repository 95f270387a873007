import type { FormValues } from './form-values.js';

/** What the user typed and has not saved: kept on this device so a reload loses nothing. */
interface Unsaved {
  values: FormValues;
  /** The version the edit started from (absent for a new draft). */
  baseVersion?: number;
  savedAt: string;
}

const key = (id: string | undefined) => `kerjasama.form.${id ?? 'new'}`;

export function loadUnsaved(id: string | undefined, baseVersion?: number): FormValues | undefined {
  try {
    const raw = localStorage.getItem(key(id));
    const unsaved = raw ? (JSON.parse(raw) as Unsaved) : undefined;
    // An edit begun on an older version would silently undo what was saved since.
    return unsaved && unsaved.baseVersion === baseVersion ? unsaved.values : undefined;
  } catch {
    return undefined;
  }
}

export function storeUnsaved(id: string | undefined, values: FormValues, baseVersion?: number): void {
  const unsaved: Unsaved = {
    values,
    ...(baseVersion ? { baseVersion } : {}),
    savedAt: new Date().toISOString(),
  };
  localStorage.setItem(key(id), JSON.stringify(unsaved));
}

export const clearUnsaved = (id: string | undefined) => localStorage.removeItem(key(id));
