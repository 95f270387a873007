import type { User, UserQuery } from '../admin/user.js';
import type { Role } from '../identity/identity.js';
import type { StagedWrite } from './admin-log.js';
import type { Page } from './page.js';

/** The stored user behind a token's subject: all a request needs to know who is calling now. */
export interface UserLookup {
  /** The user with this id (the token's `sub`), read consistently; undefined for an unknown one. */
  get(regionId: string, id: string): Promise<User | undefined>;
}

/** The region's users as stored: read on every request to decide who the caller is now. */
export interface UserStore extends UserLookup {
  /**
   * The id of the user who holds this email address or username, in whichever region of the deployment
   * (they are sign-in names, unique across its user pool); consistent reads.
   */
  emailOwner(email: string): Promise<string | undefined>;
  usernameOwner(username: string): Promise<string | undefined>;
  /** The ids of the enabled administrators, read consistently. */
  enabledAdmins(regionId: string): Promise<string[]>;
  /** A page of users by name, searched (`q`) and filtered. */
  list(regionId: string, query: UserQuery, limit: number, cursor?: string): Promise<Page<User>>;
  /** The enabled users holding `role` (in `unit`, when given). */
  enabledWith(regionId: string, role: Role, unit?: string): Promise<User[]>;
  /** A new user, with its email and username claimed: fails (a lost race) when either is taken. */
  createWrites(user: User): StagedWrite[];
  /** `after` replaces `before`, only while the stored user is still `before`. */
  updateWrites(before: User, after: User): StagedWrite[];
}
