import type { Unit } from '../admin/unit.js';
import type { StagedWrite } from './admin-log.js';
import type { Page } from './page.js';

export interface UnitQuery {
  /** Part of the code or of a name, in any case. */
  q?: string;
  includeInactive: boolean;
}

/** The region's units (OPD), `REGION#<regionId>` / `UNIT#<code>`, in code order. */
export interface UnitRegistry {
  /** The unit, read consistently; undefined for a code the region never had. */
  get(regionId: string, code: string): Promise<Unit | undefined>;
  /** Whether the code is a unit of the region that is active now. */
  isActive(regionId: string, code: string): Promise<boolean>;
  page(regionId: string, query: UnitQuery, limit: number, cursor?: string): Promise<Page<Unit>>;
  /** A new unit: fails (the change is decided again) when the code exists meanwhile. */
  createWrite(regionId: string, unit: Unit): StagedWrite;
  /** The unit as changed, only while it is still as `previous` was. */
  updateWrite(regionId: string, unit: Unit, previous: Unit): StagedWrite;
}
