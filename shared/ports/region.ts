import type { RegionProfile } from '../admin/region.js';
import type { StagedWrite } from './admin-log.js';

/** The region's profile as stored (`REGION#<regionId>` / `PROFILE`). */
export interface RegionProfiles {
  /** The profile, read consistently; undefined before the region is set up. */
  get(regionId: string): Promise<RegionProfile | undefined>;
  /** Writes `profile` only while the stored one is still `previous` (absent when there is none). */
  putWrite(profile: RegionProfile, previous: RegionProfile | undefined): StagedWrite;
}
