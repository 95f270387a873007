import { requireEnv } from '../../shared/adapters/aws/clients.js';
import { CognitoAccounts } from '../../shared/adapters/aws/cognito-accounts.js';
import { DevLoginAccounts } from '../../shared/adapters/local/dev-login-accounts.js';
import type { UserAdminDeps } from '../../shared/admin/users.js';
import type { SignInAccounts } from '../../shared/ports/sign-in-accounts.js';
import { once, unitRegistry } from './adapters.js';
import { adminDeps } from './admin.js';
import { users } from './identity.js';

/**
 * The sign-in accounts, picked by configuration: the embedded stack signs in with dev-login over the
 * stored users (LOCAL_SIGN_IN=dev-login); everywhere else the accounts are the Cognito user pool's.
 */
const accounts = /* @__PURE__ */ once(
  (): SignInAccounts =>
    process.env.LOCAL_SIGN_IN === 'dev-login'
      ? new DevLoginAccounts()
      : new CognitoAccounts(requireEnv('USER_POOL_ID')),
);

/** What the users' administration needs: the admin log, the store, the unit registry, the accounts. */
export const userAdminDeps = (): UserAdminDeps => ({
  ...adminDeps(),
  users: users(),
  units: unitRegistry(),
  accounts: accounts(),
});
