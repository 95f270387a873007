import type { Delegation } from '../delegation/delegation.js';
import type { StagedWrite } from './admin-log.js';

/** Who acts for the region's offices, and when. */
export interface Delegations {
  /** Every delegation of the region, read consistently, earliest start first. */
  all(regionId: string): Promise<Delegation[]>;
  /** The delegations running on `day` (a WIB date). */
  inForce(regionId: string, day: string): Promise<Delegation[]>;
  get(regionId: string, id: string): Promise<Delegation | undefined>;
  /** A new delegation, committed with the admin event that records it. */
  createWrite(delegation: Delegation): StagedWrite;
  /** `after` replaces `before` (an early end), only while the stored one is still `before`. */
  updateWrite(before: Delegation, after: Delegation): StagedWrite;
}
