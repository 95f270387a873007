import { matchId } from '../../router.js';
import { CandidatePage } from './candidate.js';
import { LibraryPage } from './library.js';

/** The template library at /templates and a candidate at /templates/{id}: one chunk, for the Biro and admins. */
export function TemplatesArea({ path }: { path: string }) {
  const id = matchId('/templates/:id', path);
  return id ? <CandidatePage id={id} /> : <LibraryPage />;
}
