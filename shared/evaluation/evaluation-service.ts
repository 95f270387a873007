import { ForbiddenError, NotFoundError } from '../errors.js';
import { say } from '../form/messages.js';
import { pageQuerySchema } from '../form/paging.js';
import { parse } from '../form/parse.js';
import { EVALUATION_ROLES, type Identity, isUnitRole } from '../identity/identity.js';
import type { ArchiveSummary } from '../ports/archive.js';
import type { Clock } from '../ports/clock.js';
import type { EvaluationReadModel } from '../ports/evaluation.js';
import { summarise } from './counters.js';
import { EVALUATION_LISTS, evaluationListSchema, planList } from './lists.js';

/** The dashboard: counts by status and dimension, and the evaluation lists. */
export class EvaluationService {
  constructor(private readonly deps: { evaluation: EvaluationReadModel; clock: Clock }) {}

  private today() {
    return this.deps.clock.now().toISOString().slice(0, 10);
  }

  async summary(user: Identity) {
    if (!EVALUATION_ROLES.includes(user.role)) {
      throw new ForbiddenError(
        say(
          'Ringkasan evaluasi hanya untuk Biro, Sekda, Kepala Daerah dan evaluator',
          'The evaluation summary is for the Bureau, the Regional Secretary, the Head of Region and evaluators',
        ),
      );
    }
    return { asOf: this.today(), ...summarise(await this.deps.evaluation.counters()) };
  }

  async list(name: string, query: unknown, user: Identity) {
    const list = evaluationListSchema.safeParse(name);
    if (!list.success)
      throw new NotFoundError(`Evaluation list ${name} (lists: ${EVALUATION_LISTS.join(', ')})`);
    const { cursor, limit } = parse(pageQuerySchema, query);
    const today = this.today();
    const page = await this.deps.evaluation.list(
      planList(list.data, today),
      isUnitRole(user.role) ? user.unit : undefined,
      limit,
      cursor,
    );
    return { list: list.data, asOf: today, ...page, items: page.items.map(withLinks) };
  }
}

/** A list entry with the links to the agreement, its archive record and its signed PDF. */
function withLinks(item: ArchiveSummary) {
  const id = item.agreementId;
  return {
    ...item,
    links: {
      agreement: `/api/agreements/${id}`,
      archive: `/api/archive/${id}`,
      download: `/api/archive/${id}/download`,
    },
  };
}
