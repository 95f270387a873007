import { LINK_TTL_SECONDS } from '../agreement/queries.js';
import { ForbiddenError } from '../errors.js';
import { say } from '../form/messages.js';
import { pageQuerySchema } from '../form/paging.js';
import { parse } from '../form/parse.js';
import type { Identity } from '../identity/identity.js';
import { BIRO_ROLES, EVALUATION_ROLES } from '../identity/identity.js';
import type { FileStore } from '../ports/files.js';
import type { PeriodicReports, StoredReport } from '../ports/periodic-reports.js';

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

/**
 * Generating stores a report, a write: the Biro, which keeps the register and reports to the Ministry.
 * The Sekda, the head of region, evaluators (who read everything and write nothing) and admins read.
 */
export function mustGenerateReports(user: Identity) {
  if (!BIRO_ROLES.includes(user.role)) {
    throw new ForbiddenError(
      say(
        'Hanya Biro Kerja Sama yang dapat menyusun laporan berkala; laporan yang tersimpan dapat Anda baca',
        'Only the Cooperation Bureau may generate periodic reports; you may read the stored ones',
      ),
      { mayAct: BIRO_ROLES },
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

/** GET /api/reports?cursor=&limit=: the generated reports, newest period first. Kept apart from the writers. */
export async function listReports(
  deps: { periodicReports: PeriodicReports; files: FileStore },
  user: Identity,
  query: unknown,
) {
  mustReadReports(user);
  const { limit, cursor } = parse(pageQuerySchema, query);
  const page = await deps.periodicReports.listReports(limit, cursor);
  return { ...page, items: await Promise.all(page.items.map((r) => withLinks(deps.files, r))) };
}
