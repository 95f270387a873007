import type * as z from 'zod';
import { ValidationError } from '../errors.js';
import { toIssues } from './messages.js';

/** A request's body or query as `schema` reads it, or a 400 naming every field at fault. */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input, { reportInput: true });
  if (!parsed.success) throw new ValidationError(toIssues(parsed.error));
  return parsed.data;
}
