import { api } from './api.js';
import type { RegionProfile, RegionView } from './types.js';

/** GET /api/region: the region's profile, or undefined before it is set up. */
export const fetchRegion = async (): Promise<RegionProfile | undefined> => {
  const view = await api<RegionView>('GET', '/api/region');
  return view.configured ? view : undefined;
};
