import { ID_PATTERN } from '../ids.js';
import type { FileStore } from '../ports/files.js';
import type { TemplateStore } from '../ports/templates.js';
import type { TemplateProblem } from './problems.js';

/** What a Biro head may upload: the whole file, comments included. */
export const MAX_TEMPLATE_BYTES = 1024 * 1024;

/** Under the incoming bucket's `templates/`: one key per candidate, which names it. */
export const templateUploadKey = (candidateId: string) => `templates/${candidateId}.yaml`;
const KEY = new RegExp(`^templates/(${ID_PATTERN})\\.yaml$`);

/** The candidate an uploaded object's key names, if it is a template upload's key at all. */
export const candidateOfKey = (key: string): string | undefined => KEY.exec(key)?.[1];

export type CheckOutcome =
  | { outcome: 'valid' | 'refused'; candidateId: string }
  | { outcome: 'duplicate'; candidateId: string }
  | { outcome: 'ignored'; reason: string };

/** A problem of the file as a whole. */
export const fileProblem = (message: TemplateProblem['message']): TemplateProblem => ({
  section: 'file',
  message,
});

/**
 * Writes a check's verdict, only while the candidate is pending: an event delivered twice, or a
 * check that lost to a concurrent one, changes nothing, and removes the sample files it wrote.
 */
export async function settle(
  deps: { store: TemplateStore; files: FileStore },
  candidateId: string,
  files: string[],
  verdict: Parameters<TemplateStore['settleCandidate']>[1],
): Promise<CheckOutcome> {
  const won = await deps.store.settleCandidate(candidateId, verdict);
  if (!won) {
    await deps.files.remove(files);
    return { outcome: 'duplicate', candidateId };
  }
  return { outcome: verdict.status === 'valid' ? 'valid' : 'refused', candidateId };
}
