import type { User } from '../admin/user.js';

/** What the sign-in service keeps of a user: who they are, and what the tokens it issues say. */
export type AccountState = Pick<User, 'role' | 'unit' | 'enabled'>;
export type NewAccount = Pick<User, 'username' | 'email' | 'name' | 'role' | 'unit'>;

/**
 * The accounts people sign in with (Cognito in the cloud). The user store stays what authorises a
 * request; an account only lets its holder prove who they are.
 */
export interface SignInAccounts {
  /**
   * Creates the account and sends its invitation (a temporary password), answering its subject: the
   * user's id. An account an earlier attempt left with this username and email is taken over and its
   * invitation sent again; one with another email is a 409 naming the username.
   */
  invite(account: NewAccount): Promise<string>;
  /** Brings the account to `state`: its role's group, its unit, enabled or disabled and signed out. */
  update(username: string, state: AccountState): Promise<void>;
}
