import type { Office } from '../delegation/delegation.js';
import type { Bilingual } from '../form/messages.js';

/**
 * How the region names its offices in documents ("Gubernur Jawa Tengah"): the positions of the
 * officials in the region's profile. Without it, signature blocks name the office by its role.
 */
export interface OfficeTitles {
  titles(regionId: string): Promise<Partial<Record<Office, Bilingual>>>;
}
