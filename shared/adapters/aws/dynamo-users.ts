import type { User, UserQuery } from '../../admin/user.js';
import type { Role } from '../../identity/identity.js';
import type { StagedWrite } from '../../ports/admin-log.js';
import type { Page } from '../../ports/page.js';
import type { UserLookup, UserStore } from '../../ports/users.js';
import { stage } from './staged.js';
import type { Item, Query, Table, Write } from './table.js';
import type { IndexName } from './table-design.js';

/**
 * Keys. A user is one item of its own (`USER#<id>`), read with one consistent GetItem on every request:
 * each user its own partition, so no partition grows hot however many sign in. Their email address and
 * username are claimed by items of their own (`EMAIL#<email>`, `USERNAME#<username>`, holding the user's
 * id), written with the user in one transaction on the condition that they are new: unique across the
 * deployment, as the user pool's sign-in names are, and found again with one consistent read. The
 * region's enabled administrators are one set (`ADMINS#<region>`), read consistently and changed in the
 * same transaction as the user, on the condition that the last one is never taken out.
 *
 * Lists reuse the table's generic indexes (no new index: CloudFormation adds at most one per update),
 * each user in three partitions sorted by name (`listKey` = folded name and id): the region's users
 * (`all`: `USERS#<region>`), those of a role (`byType`: `USERS#<region>#ROLE#<role>`) and, for OPD roles,
 * those of a unit (`byUnit`: `USERS#<region>#UNIT#<code>`). A filter by unit or role reads only its
 * partition; the text search (`q`: name, email, username, NIP) and `enabled` filter what it reads, in
 * reads of up to READ_AHEAD items: 2,000 users of about 500 bytes fit in one 1 MB read.
 */
const userKey = (id: string) => ({ pk: `USER#${id}`, sk: 'USER' });
const emailKey = (email: string) => ({ pk: `EMAIL#${email.toLowerCase()}`, sk: 'EMAIL' });
const usernameKey = (username: string) => ({ pk: `USERNAME#${username.toLowerCase()}`, sk: 'USERNAME' });
const adminsKey = (regionId: string) => ({ pk: `ADMINS#${regionId}`, sk: 'ADMINS' });
const usersOf = (regionId: string) => `USERS#${regionId}`;
const roleOf = (regionId: string, role: Role) => `${usersOf(regionId)}#ROLE#${role}`;
const unitOf = (regionId: string, unit: string) => `${usersOf(regionId)}#UNIT#${unit}`;

/** How many items a filtered list reads at once. */
const READ_AHEAD = 1000;

/** Lower case without accents: the form names sort and are searched in. */
const fold = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

/** Academic and religious titles before a name ("Dr. H. …", "Ir. …") do not decide where it sorts. */
const TITLES = /^((prof|dr|drs|dra|ir|h|hj|kh)\.\s*)+/;

const sortName = (name: string) => fold(name).replace(TITLES, '');

const searchText = (user: User) =>
  [fold(user.name), user.email.toLowerCase(), user.username, user.nip].join('\n');

const isAdmin = (user: User) => user.role === 'admin' && user.enabled;

const USER_FIELDS = [
  'id',
  'regionId',
  'username',
  'name',
  'email',
  'nip',
  'nik',
  'role',
  'unit',
  'enabled',
  'createdAt',
  'updatedAt',
] as const;

/** The user an item holds, without its keys and index attributes. */
function toUser(item: Item): User {
  return Object.fromEntries(
    USER_FIELDS.filter((f) => item[f] !== undefined).map((f) => [f, item[f]]),
  ) as unknown as User;
}

function userItem(user: User): Item {
  return {
    ...userKey(user.id),
    ...user,
    allKey: usersOf(user.regionId),
    typeKey: roleOf(user.regionId, user.role),
    ...(user.unit ? { unitKey: unitOf(user.regionId, user.unit) } : {}),
    listKey: `${sortName(user.name)}#${user.id}`,
    search: searchText(user),
  };
}

/** The one partition a list reads: the unit's when it names one, else the role's, else the region's. */
function partitionOf(regionId: string, query: UserQuery): { index: IndexName; key: string; value: string } {
  if (query.unit) return { index: 'byUnit', key: 'unitKey', value: unitOf(regionId, query.unit) };
  if (query.role) return { index: 'byType', key: 'typeKey', value: roleOf(regionId, query.role) };
  return { index: 'all', key: 'allKey', value: usersOf(regionId) };
}

/** Who a token's subject is: all a request reads (kept apart, so a handler's bundle carries no more). */
export class DynamoUserLookup implements UserLookup {
  constructor(protected readonly table: Table) {}

  async get(regionId: string, id: string): Promise<User | undefined> {
    const item = await this.table.get(userKey(id), true);
    return item && item.regionId === regionId ? toUser(item) : undefined;
  }
}

export class DynamoUserStore extends DynamoUserLookup implements UserStore {
  emailOwner(email: string): Promise<string | undefined> {
    return this.owner(emailKey(email));
  }

  usernameOwner(username: string): Promise<string | undefined> {
    return this.owner(usernameKey(username));
  }

  async enabledAdmins(regionId: string): Promise<string[]> {
    const item = await this.table.get(adminsKey(regionId), true);
    return [...((item?.ids as Set<string> | undefined) ?? [])].sort();
  }

  list(regionId: string, query: UserQuery, limit: number, cursor?: string): Promise<Page<User>> {
    const partition = partitionOf(regionId, query);
    const filters: string[] = [];
    const names: Record<string, string> = { '#k': partition.key };
    const values: Record<string, unknown> = { ':k': partition.value };
    if (query.unit && query.role) {
      filters.push('#role = :role');
      names['#role'] = 'role';
      values[':role'] = query.role;
    }
    if (query.enabled !== undefined) {
      filters.push('enabled = :enabled');
      values[':enabled'] = query.enabled;
    }
    if (query.q) {
      filters.push('contains(#search, :q)');
      names['#search'] = 'search';
      values[':q'] = fold(query.q);
    }
    const input: Query = {
      KeyConditionExpression: '#k = :k',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
    };
    return this.table.page(
      input,
      { index: partition.index, partition: partition.value },
      limit,
      cursor,
      toUser,
      filters.length ? READ_AHEAD : undefined,
    );
  }

  async enabledWith(regionId: string, role: Role, unit?: string): Promise<User[]> {
    const partition = partitionOf(regionId, unit ? { unit, role } : { role });
    const items = await this.table.queryAll({
      IndexName: partition.index,
      KeyConditionExpression: '#k = :k',
      FilterExpression: '#role = :role AND enabled = :enabled',
      ExpressionAttributeNames: { '#k': partition.key, '#role': 'role' },
      ExpressionAttributeValues: { ':k': partition.value, ':role': role, ':enabled': true },
    });
    return items.map(toUser);
  }

  createWrites(user: User): StagedWrite[] {
    const claim = { userId: user.id, regionId: user.regionId };
    return [
      this.table.putNew(userItem(user)),
      this.table.putNew({ ...emailKey(user.email), ...claim }),
      this.table.putNew({ ...usernameKey(user.username), ...claim }),
      ...(isAdmin(user) ? [this.admins(user, 'ADD')] : []),
    ].map(stage);
  }

  updateWrites(before: User, after: User): StagedWrite[] {
    const writes: Write[] = [
      {
        Put: {
          TableName: this.table.name,
          Item: userItem(after),
          ConditionExpression: 'updatedAt = :before',
          ExpressionAttributeValues: { ':before': before.updatedAt },
        },
      },
    ];
    if (isAdmin(before) && !isAdmin(after)) writes.push(this.admins(after, 'DELETE'));
    if (!isAdmin(before) && isAdmin(after)) writes.push(this.admins(after, 'ADD'));
    return writes.map(stage);
  }

  /** The user an email or username item names. */
  private async owner(key: Item): Promise<string | undefined> {
    const claim = await this.table.get(key, true);
    return claim && String(claim.userId);
  }

  /** Adds the user to the set of enabled admins, or takes them out of it unless they are the last. */
  private admins(user: User, action: 'ADD' | 'DELETE'): Write {
    return {
      Update: {
        TableName: this.table.name,
        Key: adminsKey(user.regionId),
        UpdateExpression: `${action} ids :ids`,
        ...(action === 'DELETE'
          ? {
              ConditionExpression: 'contains(ids, :id) AND size(ids) > :one',
              ExpressionAttributeValues: { ':ids': new Set([user.id]), ':id': user.id, ':one': 1 },
            }
          : { ExpressionAttributeValues: { ':ids': new Set([user.id]) } }),
      },
    };
  }
}
