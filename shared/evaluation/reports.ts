import { LINK_TTL_SECONDS } from '../agreement/queries.js';
import { ForbiddenError } from '../errors.js';
import { say } from '../form/messages.js';
import type { Identity } from '../identity/identity.js';
import { EVALUATION_ROLES } from '../identity/identity.js';
import type { EvaluationStore, FileStore, StoredReport } from '../ports.js';

/** Periodic reports are for the region's leadership and evaluators, not for a single OPD. */
export function mustReadReports(user: Identity) {
  if (!EVALUATION_ROLES.includes(user.role)) {
    throw new ForbiddenError(
      say(
        'Laporan berkala hanya untuk Biro, Sekda, Kepala Daerah dan evaluator',
        'Periodic reports are for the Bureau, the Regional Secretary, the Head of Region and evaluators',
      ),
    );
  }
}

/** A stored report with five-minute links to its workbook and PDF. */
export async function withLinks(files: FileStore, r: StoredReport) {
  const name = (key: string) => key.slice(key.lastIndexOf('/') + 1);
  const [xlsx, pdf] = await Promise.all([
    files.downloadUrl(r.files.xlsx.key, name(r.files.xlsx.key), LINK_TTL_SECONDS),
    files.downloadUrl(r.files.pdf.key, name(r.files.pdf.key), LINK_TTL_SECONDS),
  ]);
  return { ...r, links: { xlsx, pdf } };
}

/** GET /api/reports: every generated report, newest period first. Kept apart from the writers. */
export async function listReports(deps: { evaluation: EvaluationStore; files: FileStore }, user: Identity) {
  mustReadReports(user);
  const reports = await deps.evaluation.listReports();
  return { items: await Promise.all(reports.map((r) => withLinks(deps.files, r))) };
}
