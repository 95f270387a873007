import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Bilingual } from '../../../shared/form/messages.js';
import type { FormValues } from './form-values.js';

export interface FormState {
  values: FormValues;
  set(path: string, value: unknown): void;
  /** The schema's messages for a path, once the user has touched it (or tried to save). */
  problems(path: string): Bilingual[];
  /** Messages for a path and everything below it: for a section heading. */
  problemsUnder(path: string): Bilingual[];
  touch(path: string): void;
  bilingual: boolean;
}

export const FormContext = createContext<FormState | undefined>(undefined);

export function useForm(): FormState {
  const form = useContext(FormContext);
  if (!form) throw new Error('form fields are used inside a FormContext');
  return form;
}
