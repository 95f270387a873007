import type { Dimension } from '../evaluation/counters.js';
import type { ListPlan } from '../evaluation/lists.js';
import type { ArchiveSummary } from './archive.js';
import type { Page } from './page.js';

/** The dashboard's read model: counters and evaluation lists, kept by every change of a head. */
export interface EvaluationReadModel {
  counters(): Promise<{ dimension: Dimension; counters: Record<string, number> }[]>;
  list(
    plan: ListPlan,
    unit: string | undefined,
    limit: number,
    cursor?: string,
  ): Promise<Page<ArchiveSummary>>;
  /** Whether an agreement is still in its open list (no follower archived). */
  isOpen(agreementId: string): Promise<boolean>;
}
