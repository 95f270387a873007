import { agreementFormSchema } from '../../../shared/form/agreement-form.js';
import { type Bilingual, describe, formatPath } from '../../../shared/form/messages.js';

/** The problems the API would report for this body, by path, from the very same schema. */
export function validate(body: unknown): Map<string, Bilingual[]> {
  const result = agreementFormSchema.safeParse(body);
  const problems = new Map<string, Bilingual[]>();
  if (result.success) return problems;
  for (const issue of result.error.issues) {
    const path = formatPath(issue.path);
    problems.set(path, [...(problems.get(path) ?? []), describe(issue)]);
  }
  return problems;
}
