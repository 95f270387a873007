import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserAttributesCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminUpdateUserAttributesCommand,
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handler as createUser } from '../../functions/api/create-user.js';
import { handler as updateUser } from '../../functions/api/update-user.js';
import { toResponse } from '../../functions/http.js';
import { DEMO_USERS } from '../../infra/local/demo-users.js';
import { CognitoAccounts } from '../../shared/adapters/aws/cognito-accounts.js';
import { claimsOf } from '../../shared/identity/claims.js';
import type { NewAccount } from '../../shared/ports/sign-in-accounts.js';
import { answerCallers } from '../support/stored-users.js';

const cognito = mockClient(CognitoIdentityProviderClient);
const ddb = mockClient(DynamoDBDocumentClient);
const POOL = 'ap-southeast-3_pool';
const accounts = new CognitoAccounts(POOL);

beforeAll(() => {
  Object.assign(process.env, {
    AWS_REGION: 'ap-southeast-3',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    TABLE_NAME: 'agreements-test',
    REGION_ID: 'test',
    USER_POOL_ID: POOL,
  });
  delete process.env.LOCAL_SIGN_IN;
});

beforeEach(() => answerCallers(ddb, 'test'));

afterEach(() => {
  cognito.reset();
  ddb.reset();
});

const laras: NewAccount = {
  username: 'laras.w',
  email: 'laras@diskominfo.example.go.id',
  name: 'Laras Wijayanti',
  role: 'opd_drafter',
  unit: 'DISKOMINFO',
};

const failing = (name: string, fault: 'client' | 'server' = 'client') =>
  Object.assign(new Error(`${name} happened`), { name, $fault: fault });

const statusOf = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  return toResponse(error, 'test').statusCode;
};

const inputs = <T extends object>(command: new (input: T) => object) =>
  // biome-ignore lint/suspicious/noExplicitAny: the mock's calls of one command
  cognito.commandCalls(command as any).map((c) => c.args[0].input as T);

describe('Cognito accounts: an invitation', () => {
  it('creates the account with an emailed temporary password, its unit and its role group', async () => {
    cognito.on(AdminCreateUserCommand).resolves({
      User: { Username: 'laras.w', Attributes: [{ Name: 'sub', Value: 'sub-laras' }] },
    });
    cognito.on(AdminAddUserToGroupCommand).resolves({});
    expect(await accounts.invite(laras)).toBe('sub-laras');
    expect(inputs(AdminCreateUserCommand)).toEqual([
      {
        UserPoolId: POOL,
        Username: 'laras.w',
        UserAttributes: [
          { Name: 'email', Value: 'laras@diskominfo.example.go.id' },
          { Name: 'email_verified', Value: 'true' },
          { Name: 'name', Value: 'Laras Wijayanti' },
          { Name: 'custom:unit', Value: 'DISKOMINFO' },
        ],
        DesiredDeliveryMediums: ['EMAIL'],
      },
    ]);
    expect(inputs(AdminAddUserToGroupCommand)).toEqual([
      { UserPoolId: POOL, Username: 'laras.w', GroupName: 'opd_drafter' },
    ]);
  });

  it('gives a role outside the OPDs no unit attribute', async () => {
    cognito.on(AdminCreateUserCommand).resolves({ User: { Attributes: [{ Name: 'sub', Value: 's' }] } });
    cognito.on(AdminAddUserToGroupCommand).resolves({});
    const { unit: _, ...staff } = laras;
    await accounts.invite({ ...staff, role: 'biro_staff' });
    const attributes = inputs(AdminCreateUserCommand)[0]?.UserAttributes?.map((a) => a.Name);
    expect(attributes).toEqual(['email', 'email_verified', 'name']);
  });

  it('takes over the account an earlier attempt left, sending its invitation again and setting its state', async () => {
    cognito
      .on(AdminCreateUserCommand, { UserAttributes: undefined, MessageAction: 'RESEND' })
      .resolves({})
      .on(AdminCreateUserCommand, { DesiredDeliveryMediums: ['EMAIL'], MessageAction: undefined })
      .rejects(failing('UsernameExistsException'));
    cognito.on(AdminGetUserCommand).resolves({
      Username: 'laras.w',
      UserStatus: 'FORCE_CHANGE_PASSWORD',
      UserAttributes: [
        { Name: 'sub', Value: 'sub-earlier' },
        { Name: 'email', Value: 'LARAS@diskominfo.example.go.id' },
      ],
    });
    cognito.on(AdminListGroupsForUserCommand).resolves({ Groups: [{ GroupName: 'evaluator' }] });
    expect(await accounts.invite(laras)).toBe('sub-earlier');
    expect(inputs(AdminCreateUserCommand).map((i) => i.MessageAction)).toEqual([undefined, 'RESEND']);
    expect(inputs(AdminAddUserToGroupCommand).map((i) => i.GroupName)).toEqual(['opd_drafter']);
    expect(inputs(AdminRemoveUserFromGroupCommand).map((i) => i.GroupName)).toEqual(['evaluator']);
    expect(inputs(AdminUpdateUserAttributesCommand)[0]?.UserAttributes).toEqual([
      { Name: 'custom:unit', Value: 'DISKOMINFO' },
    ]);
    expect(inputs(AdminEnableUserCommand)).toHaveLength(1);
  });

  it('sends no second invitation for an account already in use', async () => {
    cognito.on(AdminCreateUserCommand).rejects(failing('UsernameExistsException'));
    cognito.on(AdminGetUserCommand).resolves({
      UserStatus: 'CONFIRMED',
      UserAttributes: [
        { Name: 'sub', Value: 'sub-earlier' },
        { Name: 'email', Value: laras.email },
      ],
    });
    cognito.on(AdminListGroupsForUserCommand).resolves({ Groups: [{ GroupName: 'opd_drafter' }] });
    expect(await accounts.invite(laras)).toBe('sub-earlier');
    expect(inputs(AdminCreateUserCommand)).toHaveLength(1);
    expect(inputs(AdminAddUserToGroupCommand)).toHaveLength(0);
  });

  it('is a 409 naming the username when another person’s account has it', async () => {
    cognito.on(AdminCreateUserCommand).rejects(failing('UsernameExistsException'));
    cognito.on(AdminGetUserCommand).resolves({
      UserAttributes: [
        { Name: 'sub', Value: 'sub-other' },
        { Name: 'email', Value: 'someone.else@example.go.id' },
      ],
    });
    const error = await accounts.invite(laras).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ConflictError', details: { field: 'username', value: 'laras.w' } });
    expect(toResponse(error, 't').statusCode).toBe(409);
    expect(inputs(AdminAddUserToGroupCommand)).toHaveLength(0);
  });

  it('is a 409 naming the email when another account signs in with it', async () => {
    cognito.on(AdminCreateUserCommand).rejects(failing('AliasExistsException'));
    const error = await accounts.invite(laras).catch((e: unknown) => e);
    expect(error).toMatchObject({ details: { field: 'email', value: laras.email } });
    expect(toResponse(error, 't').statusCode).toBe(409);
  });

  it('is a 400 when Cognito refuses a value, and a 503 when Cognito throttles or fails', async () => {
    cognito.on(AdminCreateUserCommand).rejects(failing('InvalidParameterException'));
    expect(await statusOf(accounts.invite(laras))).toBe(400);
    for (const name of [
      'TooManyRequestsException',
      'LimitExceededException',
      'CodeDeliveryFailureException',
    ]) {
      cognito.reset();
      cognito.on(AdminCreateUserCommand).rejects(failing(name));
      expect(await statusOf(accounts.invite(laras)), name).toBe(503);
    }
    cognito.reset();
    cognito.on(AdminCreateUserCommand).rejects(failing('InternalErrorException', 'server'));
    expect(await statusOf(accounts.invite(laras))).toBe(503);
    // Created, but the group could not be set: a 503, and the retry takes the account over.
    cognito.reset();
    cognito.on(AdminCreateUserCommand).resolves({ User: { Attributes: [{ Name: 'sub', Value: 's' }] } });
    cognito.on(AdminAddUserToGroupCommand).rejects(failing('TooManyRequestsException'));
    expect(await statusOf(accounts.invite(laras))).toBe(503);
  });
});

describe('Cognito accounts: a change', () => {
  it('moves the account to its role group only, sets its unit and enables it', async () => {
    cognito.on(AdminListGroupsForUserCommand).resolves({
      Groups: [{ GroupName: 'opd_drafter' }, { GroupName: 'opd_head' }, { GroupName: 'beta-testers' }],
    });
    await accounts.update('laras.w', { role: 'opd_head', unit: 'DISDIK', enabled: true });
    expect(inputs(AdminAddUserToGroupCommand)).toHaveLength(0);
    // Groups that are no role are none of ours to remove.
    expect(inputs(AdminRemoveUserFromGroupCommand)).toEqual([
      { UserPoolId: POOL, Username: 'laras.w', GroupName: 'opd_drafter' },
    ]);
    expect(inputs(AdminUpdateUserAttributesCommand)).toEqual([
      { UserPoolId: POOL, Username: 'laras.w', UserAttributes: [{ Name: 'custom:unit', Value: 'DISDIK' }] },
    ]);
    expect(inputs(AdminEnableUserCommand)).toEqual([{ UserPoolId: POOL, Username: 'laras.w' }]);
    expect(inputs(AdminDisableUserCommand)).toHaveLength(0);
    expect(inputs(AdminUserGlobalSignOutCommand)).toHaveLength(0);
  });

  it('disables a disabled user’s account and signs it out everywhere; a role without a unit loses it', async () => {
    cognito.on(AdminListGroupsForUserCommand).resolves({ Groups: [] });
    await accounts.update('laras.w', { role: 'biro_staff', enabled: false });
    expect(inputs(AdminAddUserToGroupCommand).map((i) => i.GroupName)).toEqual(['biro_staff']);
    expect(inputs(AdminDeleteUserAttributesCommand)).toEqual([
      { UserPoolId: POOL, Username: 'laras.w', UserAttributeNames: ['custom:unit'] },
    ]);
    expect(inputs(AdminDisableUserCommand)).toHaveLength(1);
    expect(inputs(AdminUserGlobalSignOutCommand)).toEqual([{ UserPoolId: POOL, Username: 'laras.w' }]);
    expect(inputs(AdminEnableUserCommand)).toHaveLength(0);
  });

  it('is a 409 when the account is gone, a 503 when Cognito fails', async () => {
    cognito.on(AdminListGroupsForUserCommand).rejects(failing('UserNotFoundException'));
    expect(await statusOf(accounts.update('laras.w', { role: 'sekda', enabled: true }))).toBe(409);
    cognito.reset();
    cognito.on(AdminListGroupsForUserCommand).resolves({ Groups: [] });
    cognito.on(AdminDisableUserCommand).rejects(failing('TooManyRequestsException'));
    expect(await statusOf(accounts.update('laras.w', { role: 'sekda', enabled: false }))).toBe(503);
  });
});

/** An admin's request as the JWT authorizer passes it. */
function asAdmin(partial: Partial<APIGatewayProxyEventV2>): APIGatewayProxyEventV2 {
  const admin = DEMO_USERS.find((u) => u.role === 'admin');
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: '/',
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    isBase64Encoded: false,
    requestContext: {
      requestId: 'req-1',
      http: { method: 'POST' },
      authorizer: { jwt: { claims: claimsOf(admin as never), scopes: [] } },
    } as unknown as APIGatewayProxyEventV2['requestContext'],
    ...partial,
  };
}

describe('the users routes in the cloud configuration', () => {
  it('invite through Cognito, then store the user under the account’s subject', async () => {
    ddb
      .on(GetCommand, { Key: { pk: 'REGION#test', sk: 'UNIT#DISKOMINFO' } })
      .resolves({ Item: { active: true } });
    ddb.on(TransactWriteCommand).resolves({});
    cognito
      .on(AdminCreateUserCommand)
      .resolves({ User: { Attributes: [{ Name: 'sub', Value: 'sub-laras' }] } });
    cognito.on(AdminAddUserToGroupCommand).resolves({});
    const res = await createUser(
      asAdmin({
        body: JSON.stringify({
          name: 'Laras Wijayanti',
          email: laras.email,
          nip: '199203042018032001',
          role: 'opd_drafter',
          unit: 'DISKOMINFO',
        }),
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(JSON.parse(String(res.body))).toMatchObject({ id: 'sub-laras', username: 'laras' });
    const items = ddb.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(items.map((i) => i.Put?.Item?.pk ?? i.Update?.Key?.pk)).toEqual([
      'ADMINLOG#test',
      'ADMINLOG#test',
      'USER#sub-laras',
      `EMAIL#${laras.email}`,
      'USERNAME#laras',
    ]);
  });

  it('answer 409 when Cognito has the email, writing no user', async () => {
    ddb
      .on(GetCommand, { Key: { pk: 'REGION#test', sk: 'UNIT#DISKOMINFO' } })
      .resolves({ Item: { active: true } });
    cognito.on(AdminCreateUserCommand).rejects(failing('AliasExistsException'));
    const res = await createUser(
      asAdmin({
        body: JSON.stringify({
          name: 'Laras Wijayanti',
          email: laras.email,
          nip: '199203042018032001',
          role: 'opd_drafter',
          unit: 'DISKOMINFO',
        }),
      }),
    );
    expect(res.statusCode).toBe(409);
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('disable the stored user first, then the account: a Cognito failure is a 503 that a retry completes', async () => {
    ddb.on(TransactWriteCommand).resolves({});
    cognito.on(AdminListGroupsForUserCommand).resolves({ Groups: [{ GroupName: 'sekda' }] });
    cognito.on(AdminDisableUserCommand).rejectsOnce(failing('TooManyRequestsException')).resolves({});
    const disable = () =>
      updateUser(
        asAdmin({
          pathParameters: { id: 'u-sekda' },
          body: JSON.stringify({ enabled: false }),
          requestContext: {
            ...asAdmin({}).requestContext,
            http: { method: 'PATCH' },
          } as APIGatewayProxyEventV2['requestContext'],
        }),
      );
    const first = await disable();
    expect(first.statusCode).toBe(503);
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(1);
    const retry = await disable();
    expect(retry.statusCode, retry.body).toBe(200);
    expect(inputs(AdminUserGlobalSignOutCommand)).toEqual([{ UserPoolId: POOL, Username: 'sekda' }]);
  });
});
