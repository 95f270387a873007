import { ulid } from 'ulid';
import type { SignInAccounts } from '../../ports/sign-in-accounts.js';

/**
 * The embedded stack's sign-in is dev-login over the stored users: the stored user is the account, so
 * an invitation only names the new user's id, and a change of the user is all a change of the account.
 */
export class DevLoginAccounts implements SignInAccounts {
  async invite(): Promise<string> {
    return `u-${ulid().toLowerCase()}`;
  }

  async update(): Promise<void> {}
}
