import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  type AdminCreateUserCommandOutput,
  AdminDeleteUserAttributesCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminUpdateUserAttributesCommand,
  AdminUserGlobalSignOutCommand,
  type AttributeType,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { ConflictError, ValidationError } from '../../errors.js';
import { say } from '../../form/messages.js';
import { ROLES } from '../../identity/identity.js';
import type { AccountState, NewAccount, SignInAccounts } from '../../ports/sign-in-accounts.js';
import { unavailable } from './errors.js';

const UNIT = 'custom:unit';

const attribute = (attributes: AttributeType[] | undefined, name: string) =>
  attributes?.find((a) => a.Name === name)?.Value;

/**
 * Cognito's user pool through its admin API: a user is a member of the group named after their role,
 * with their unit in `custom:unit` (what the ID token carries; the user store still decides). A
 * failure is a 409 when it says a sign-in name is taken, a 400 when Cognito refuses a value, and a
 * 503 otherwise (throttling, Cognito's own faults, the network).
 */
export class CognitoAccounts implements SignInAccounts {
  private readonly client = new CognitoIdentityProviderClient({ maxAttempts: 3 });

  constructor(private readonly userPoolId: string) {}

  async invite(account: NewAccount): Promise<string> {
    const created = await this.create(account);
    if (created) {
      await this.call(() =>
        this.client.send(new AdminAddUserToGroupCommand(this.group(account.username, account.role))),
      );
      return created;
    }
    const sub = await this.takeOver(account);
    await this.update(account.username, { role: account.role, unit: account.unit, enabled: true });
    return sub;
  }

  async update(username: string, state: AccountState): Promise<void> {
    const groups = await this.call(() =>
      this.client.send(
        new AdminListGroupsForUserCommand({ UserPoolId: this.userPoolId, Username: username, Limit: 60 }),
      ),
    );
    const held = (groups.Groups ?? []).map((g) => g.GroupName ?? '');
    if (!held.includes(state.role)) {
      await this.call(() =>
        this.client.send(new AdminAddUserToGroupCommand(this.group(username, state.role))),
      );
    }
    for (const group of held.filter((g) => g !== state.role && (ROLES as readonly string[]).includes(g))) {
      await this.call(() =>
        this.client.send(new AdminRemoveUserFromGroupCommand(this.group(username, group))),
      );
    }
    const user = { UserPoolId: this.userPoolId, Username: username };
    const unit = state.unit;
    await this.call(() =>
      unit
        ? this.client.send(
            new AdminUpdateUserAttributesCommand({ ...user, UserAttributes: [{ Name: UNIT, Value: unit }] }),
          )
        : this.client.send(new AdminDeleteUserAttributesCommand({ ...user, UserAttributeNames: [UNIT] })),
    );
    if (state.enabled) {
      await this.call(() => this.client.send(new AdminEnableUserCommand(user)));
    } else {
      // Disabled accounts cannot sign in again; signing out revokes the refresh tokens already issued.
      await this.call(() => this.client.send(new AdminDisableUserCommand(user)));
      await this.call(() => this.client.send(new AdminUserGlobalSignOutCommand(user)));
    }
  }

  /** The new account's subject; undefined when the username is taken already. */
  private async create(account: NewAccount): Promise<string | undefined> {
    let created: AdminCreateUserCommandOutput;
    try {
      created = await this.client.send(
        new AdminCreateUserCommand({
          UserPoolId: this.userPoolId,
          Username: account.username,
          UserAttributes: [
            { Name: 'email', Value: account.email },
            { Name: 'email_verified', Value: 'true' },
            { Name: 'name', Value: account.name },
            ...(account.unit ? [{ Name: UNIT, Value: account.unit }] : []),
          ],
          DesiredDeliveryMediums: ['EMAIL'],
        }),
      );
    } catch (error) {
      if ((error as Error).name === 'UsernameExistsException') return undefined;
      throw failure(error, account);
    }
    const sub = attribute(created.User?.Attributes, 'sub');
    if (!sub) throw unavailable('Cognito', new Error('AdminCreateUser answered no sub'));
    return sub;
  }

  /**
   * The account an earlier attempt created: ours when it has the same email (its invitation is sent
   * again while it was never used), someone else's otherwise.
   */
  private async takeOver(account: NewAccount): Promise<string> {
    const existing = await this.call(() =>
      this.client.send(new AdminGetUserCommand({ UserPoolId: this.userPoolId, Username: account.username })),
    );
    const email = attribute(existing.UserAttributes, 'email');
    const sub = attribute(existing.UserAttributes, 'sub');
    if (email?.toLowerCase() !== account.email.toLowerCase() || !sub) throw usernameTaken(account.username);
    if (existing.UserStatus === 'FORCE_CHANGE_PASSWORD') {
      await this.call(() =>
        this.client.send(
          new AdminCreateUserCommand({
            UserPoolId: this.userPoolId,
            Username: account.username,
            MessageAction: 'RESEND',
            DesiredDeliveryMediums: ['EMAIL'],
          }),
        ),
      );
    }
    return sub;
  }

  private group(username: string, role: string) {
    return { UserPoolId: this.userPoolId, Username: username, GroupName: role };
  }

  private async call<Output>(send: () => Promise<Output>): Promise<Output> {
    try {
      return await send();
    } catch (error) {
      throw failure(error);
    }
  }
}

const usernameTaken = (username: string) =>
  new ConflictError(
    say(
      `Nama pengguna ${username} sudah dipakai akun lain: pilih yang lain`,
      `The username ${username} is already used by another account: choose another one`,
    ),
    { field: 'username', value: username },
  );

/** A Cognito error as the client should see it. */
function failure(error: unknown, account?: NewAccount): Error {
  const name = (error as { name?: string }).name;
  if (name === 'UsernameExistsException' && account) return usernameTaken(account.username);
  if (name === 'AliasExistsException') {
    return new ConflictError(
      say(
        `Email ${account?.email ?? ''} sudah dipakai akun lain`.trim(),
        `The email ${account?.email ?? ''} is already used by another account`,
      ),
      { field: 'email', ...(account ? { value: account.email } : {}) },
    );
  }
  if (name === 'UserNotFoundException') {
    return new ConflictError(
      say(
        'Akun masuk pengguna ini tidak ada lagi di Cognito: hubungi operator',
        "This user's sign-in account no longer exists in Cognito: contact the operator",
      ),
      { reason: 'account_missing' },
    );
  }
  if (name === 'InvalidParameterException') {
    const text = (error as Error).message;
    return new ValidationError([
      {
        path: '',
        message: say(`Cognito menolak data akun: ${text}`, `Cognito refused the account: ${text}`),
      },
    ]);
  }
  return unavailable('Cognito', error);
}
