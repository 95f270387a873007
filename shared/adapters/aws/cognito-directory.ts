import {
  CognitoIdentityProviderClient,
  paginateListUsersInGroup,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Role } from '../../identity/identity.js';
import type { Directory } from '../../ports/directory.js';
import { calling } from './errors.js';

/** Users are members of a group named after their role; OPD users carry `custom:unit`. */
export class CognitoDirectory implements Directory {
  private readonly client = new CognitoIdentityProviderClient({});

  constructor(private readonly userPoolId: string) {}

  emailsOf(role: Role, unit?: string): Promise<string[]> {
    return calling('Cognito', async () => {
      const emails: string[] = [];
      for await (const page of paginateListUsersInGroup(
        { client: this.client },
        { UserPoolId: this.userPoolId, GroupName: role },
      )) {
        for (const user of page.Users ?? []) {
          const attribute = (name: string) => user.Attributes?.find((a) => a.Name === name)?.Value;
          const email = attribute('email');
          if (user.Enabled && email && (!unit || attribute('custom:unit') === unit)) emails.push(email);
        }
      }
      return emails;
    });
  }
}
