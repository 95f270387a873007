import type { User } from '../admin/user.js';

/** The region's users as stored: read on every request to decide who the caller is now. */
export interface UserStore {
  /** The user with this id (the token's `sub`), read consistently; undefined for an unknown one. */
  get(regionId: string, id: string): Promise<User | undefined>;
}
