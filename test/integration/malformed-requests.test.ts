import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROUTES, type RouteDefinition } from '../../functions/api/routes.js';
import { DEMO_USERS } from '../../infra/local/demo-users.js';
import { importHandler } from '../../infra/local/http-adapter.js';
import { unitListQuerySchema } from '../../shared/admin/unit.js';
import { userQuerySchema } from '../../shared/admin/user.js';
import { listQuerySchema } from '../../shared/agreement/queries.js';
import { archiveQuerySchema } from '../../shared/archive/search.js';
import { delegationQuerySchema } from '../../shared/delegation/delegations-admin.js';
import { pageFields } from '../../shared/form/paging.js';
import { claimsOf } from '../../shared/identity/claims.js';
import { registerQuerySchema } from '../../shared/register/register-book.js';
import { sampleFor } from '../support/samples.js';
import { type ApiResponse, apiAs } from './support/api.js';
import { useEmbeddedStack } from './support/stack.js';

/**
 * A careless or hostile client against every route of functions/api/routes.ts: malformed
 * percent-encodings, crafted cursors, wrong types in every query parameter and body, huge numbers,
 * unicode oddities. None of it may reach the 5xx alarm: each answer is a 4xx (or a 2xx where the
 * input is odd but valid) with a bilingual message naming the problem, and never a stack trace.
 */
const stack = useEmbeddedStack();

/** Who calls each route: someone allowed to, so that malformed input reaches the validation. */
const CALLER: Partial<Record<string, string | null>> = {
  CreateAgreement: 'disdik.penyusun',
  ReviseAgreement: 'disdik.penyusun',
  Preview: 'disdik.penyusun',
  ReportActivity: 'disdik.penyusun',
  RequestBatch: 'disdik.penyusun',
  GetRoute: 'admin',
  PutRoute: 'admin',
  PutRegion: 'admin',
  RequestEmblemUpload: 'admin',
  AcceptEmblem: 'admin',
  ListUnits: 'admin',
  CreateUnit: 'admin',
  UpdateUnit: 'admin',
  ListUsers: 'admin',
  CreateUser: 'admin',
  UpdateUser: 'admin',
  Import: 'admin',
  GetRegisterFormats: 'admin',
  PutRegisterFormat: 'admin',
  VoidRegisterEntry: 'biro.kepala',
  ListDelegations: 'admin',
  CreateDelegation: 'admin',
  EndDelegation: 'admin',
  Sign: 'gubernur',
  Verify: null,
  VerifyArchive: null,
};
const callerOf = (route: RouteDefinition) => {
  const caller = CALLER[route.name];
  return caller === undefined ? 'biro.staf' : (caller ?? undefined);
};

/** The query parameters each GET route reads, from the schemas that read them; the others get a stray one. */
const QUERY: Partial<Record<string, string[]>> = {
  ListAgreements: Object.keys(listQuerySchema.shape),
  Inbox: Object.keys(pageFields()),
  SearchArchive: Object.keys(archiveQuerySchema.shape),
  EvaluationList: Object.keys(pageFields()),
  Diff: ['from', 'to'],
  ListUnits: Object.keys(unitListQuerySchema.shape),
  UnitNames: Object.keys(unitListQuerySchema.shape).filter((k) => k !== 'includeInactive'),
  ListUsers: Object.keys(userQuerySchema.shape),
  Register: Object.keys(registerQuerySchema.shape),
  ListDelegations: Object.keys(delegationQuerySchema.shape),
};

/** Path segments whose percent-encoding is not UTF-8. */
const MALFORMED_SEGMENTS = ['%E0%A4%A', '%', '%ZZ', '%C0%AF', '%ED%A0%80', 'abc%', '%F0%9F%92', '%FF'];
/** Well encoded, but odd: emoji, right-to-left override, NUL, BOM, traversal, huge, prototype names. */
const ODD_SEGMENTS = [
  '%F0%9F%92%A9',
  '%E2%80%AE',
  '%00',
  '%EF%BB%BF',
  '%20',
  '..',
  '%2E%2E%2F%2E%2E',
  'A'.repeat(3000),
  '1e309',
  '-1',
  'null',
  '__proto__',
  'constructor',
  'toString',
];
/** Query values of every wrong kind. */
const ODD_VALUES = [
  '',
  ' ',
  'x',
  '-1',
  '0',
  '1.5',
  '1e309',
  '99999999999999999999999',
  'NaN',
  'Infinity',
  '[]',
  '{}',
  'null',
  'true',
  '%00',
  '%E2%80%AE',
  '%F0%9F%92%A9',
  '%ED%A0%80',
  '%E0%A4%A',
  'a'.repeat(3000),
];
/** Request bodies (raw JSON text) of the wrong type or with odd values. */
const ODD_BODIES = [
  'null',
  '[]',
  '"x"',
  '42',
  'true',
  '{}',
  '1e309',
  '\uFEFF{}',
  '{"version":1e309}',
  '{"version":-1}',
  '{"version":1.5}',
  '{"version":"1"}',
  '{"version":9007199254740993}',
  '{"version":[1]}',
  '{"action":"approve","version":1,"comment":"\\ud800"}',
  '{"action":"approve","version":1,"comment":{"toString":1}}',
  '{"action":"approve","version":1,"article":"constructor"}',
  '{"action":"approve","version":1,"letter":{"name":"a.pdf","contentBase64":12}}',
  `${'['.repeat(20000)}${']'.repeat(20000)}`,
  '{"__proto__":{"role":"admin"},"constructor":{"prototype":{"x":1}}}',
  '{"period":"2026-S3"}',
  '{"period":{"from":"2025-01-01","to":"2025-12-31"}}',
  '{"period":"1e309"}',
  '{"decision":"accept","comment":12}',
  '{"decision":"toString"}',
  '{"on":"2025-02-30","reason":"x"}',
  '{"on":1e309,"reason":[]}',
  '{"steps":[{"id":"a","stage":1e309,"role":"sekda","kind":"sign","dueDays":1}]}',
  '{"steps":"all"}',
  '{"period":{"from":"2025-01-01","to":"2025-06-30"},"activities":["x"],"outcomes":"x","benefits":"x","attachments":[{"name":"a.pdf","contentType":"constructor","size":1}]}',
  '{"period":{"from":"2025-01-01","to":"2025-06-30"},"activities":["x"],"outcomes":"x","benefits":"x","attachments":[{"name":"a.pdf","contentType":"application/pdf","size":1e309}]}',
];

let draftId = '';
const REPORT_ID = '01JBZZZZZZZZZZZZZZZZZZZZZZ';

function pathOf(route: RouteDefinition, override: Record<string, string> = {}): string {
  const valid: Record<string, string> = {
    id: draftId,
    documentType: 'PKS',
    category: 'KSDPK',
    name: 'expiring-90',
    reportId: REPORT_ID,
    year: '2026',
    sequence: '1',
  };
  return route.path.replace(/\{(\w+)\}/g, (_, k: string) => override[k] ?? valid[k] ?? k);
}

function call(route: RouteDefinition, path: string, body?: string, headers: Record<string, string> = {}) {
  return apiAs(stack, callerOf(route))(route.method, path, body, headers);
}

/** No 5xx; an error names the problem in both languages and carries no stack trace. */
function expectClientAnswer(res: ApiResponse, what: string) {
  expect(res.status, what).toBeLessThan(500);
  if (res.status < 400) return;
  expect(res.type, what).toMatch(/json/);
  expect(typeof res.json.message?.id, what).toBe('string');
  expect(res.json.message.en.length, what).toBeGreaterThan(0);
  expect(JSON.stringify(res.json), what).not.toMatch(/\.(ts|js):\d+|\n\s+at /);
  if (res.status === 400 && res.json.error === 'validation_failed') {
    expect(res.json.issues.length, what).toBeGreaterThan(0);
    for (const issue of res.json.issues) expect(issue.message.en, what).toBeTruthy();
  }
}

/** Runs the requests a few at a time, as clients would. */
async function inBatches<T>(items: T[], run: (item: T) => Promise<void>, size = 6) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(run));
}

const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

beforeAll(async () => {
  const created = await apiAs(stack, 'disdik.penyusun')('POST', '/api/agreements', sampleFor('pks'));
  expect(created.status).toBe(201);
  draftId = created.json.id;
});

describe('malformed requests on every route', () => {
  const withParams = ROUTES.filter((r) => r.path.includes('{'));
  const params = withParams.flatMap((route) =>
    [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ route, param: m[1] as string })),
  );

  it('answers a malformed percent-encoding in any path parameter with 400 naming it', async () => {
    const cases = params.flatMap((p) => MALFORMED_SEGMENTS.map((segment) => ({ ...p, segment })));
    await inBatches(cases, async ({ route, param, segment }) => {
      const body = route.method === 'GET' ? undefined : '{}';
      const res = await call(route, pathOf(route, { [param]: segment }), body);
      const what = `${route.method} ${route.path} with ${param}=${segment}`;
      expect(res.status, what).toBe(400);
      expectClientAnswer(res, what);
      expect(res.json.message.en, what).toContain(`malformed percent-encoding: "${segment}"`);
    });
  });

  it('answers odd but well-encoded path parameters with a 4xx', async () => {
    const cases = params.flatMap((p) => ODD_SEGMENTS.map((segment) => ({ ...p, segment })));
    await inBatches(cases, async ({ route, param, segment }) => {
      const body = route.method === 'GET' ? undefined : '{}';
      const res = await call(route, pathOf(route, { [param]: segment }), body);
      expectClientAnswer(res, `${route.method} ${route.path} with ${param}=${segment.slice(0, 20)}`);
      expect(res.status).toBeGreaterThanOrEqual(400);
    });
  });

  it('answers wrong types in every query parameter with a 4xx naming the parameter', async () => {
    const gets = ROUTES.filter((r) => r.method === 'GET');
    const cases = gets.flatMap((route) =>
      (QUERY[route.name] ?? ['limit']).flatMap((param) =>
        [...ODD_VALUES, 'REPEAT'].map((value) => ({ route, param, value })),
      ),
    );
    await inBatches(cases, async ({ route, param, value }) => {
      // A repeated parameter reaches the handler as "1,2", as API Gateway joins them.
      const query = value === 'REPEAT' ? `${param}=1&${param}=2` : `${param}=${value}`;
      const res = await call(route, `${pathOf(route)}?${query}`);
      const what = `${route.path}?${query.slice(0, 60)}`;
      expectClientAnswer(res, what);
      if (res.status === 400 && res.json.error === 'validation_failed') {
        expect(
          res.json.issues.map((i: { path: string }) => i.path),
          what,
        ).toContain(param);
      }
    });
  });

  it('answers bodies of the wrong JSON type on every POST and PUT route with a 4xx', async () => {
    const writes = ROUTES.filter((r) => r.method !== 'GET');
    const cases = writes.flatMap((route) => ODD_BODIES.map((body) => ({ route, body })));
    await inBatches(cases, async ({ route, body }) => {
      const type = route.name === 'Verify' ? 'application/pdf' : 'application/json';
      const res = await call(route, pathOf(route), body, { 'content-type': type });
      expectClientAnswer(res, `${route.method} ${route.path} ${body.slice(0, 80)}`);
    });
    await inBatches(writes, async (route) => {
      const res = await call(route, pathOf(route), 'version=1', {
        'content-type': 'application/x-www-form-urlencoded',
      });
      expectClientAnswer(res, `${route.method} ${route.path} as a web form`);
    });
  });

  it('answers every form field of the wrong type with 400 naming that field, on create, revise and preview', async () => {
    const form = sampleFor('pks');
    const odd: unknown[] = [null, 42, 'x', [], {}, true, -1, 1e300, '\u202E', 'a'.repeat(100_000)];
    const cases = Object.keys(form).flatMap((key) => odd.map((value) => ({ key, value })));
    const form400 = async (path: string, body: unknown, field: string) => {
      const res = await apiAs(stack, 'disdik.penyusun')('POST', path, body);
      const what = `${path} ${field}=${JSON.stringify(body).slice(0, 60)}`;
      expectClientAnswer(res, what);
      expect(res.status, what).toBe(400);
      expect(
        res.json.issues.some(
          (i: { path: string }) =>
            i.path === field || i.path.startsWith(`${field}.`) || i.path.startsWith(`${field}[`),
        ),
        `${what}: ${JSON.stringify(res.json.issues)}`,
      ).toBe(true);
    };
    await inBatches(
      cases.filter(({ key, value }) => !(key === 'title' && value === '\u202E')),
      async ({ key, value }) => form400('/api/agreements', { ...form, [key]: value }, key),
    );
    await inBatches(Object.keys(form), async (key) => {
      await form400(`/api/agreements/${draftId}/versions`, { ...form, [key]: 42 }, key);
      await form400('/api/preview', { ...form, [key]: 42 }, key);
    });
  });

  it.each(['Indonesia', 'indonesia', 'IDN', 'id', '', 'ZZ', 'I', '12', 'ＩＤ', '\u0130D', 'I\u0000'])(
    'answers a party country of %j with 400 naming the field',
    async (country) => {
      const form = sampleFor('pks');
      form.parties[1].country = country;
      for (const path of ['/api/agreements', '/api/preview', `/api/agreements/${draftId}/versions`]) {
        const res = await apiAs(stack, 'disdik.penyusun')('POST', path, form);
        expect(res.status, `${path}: ${JSON.stringify(res.json)}`).toBe(400);
        const issue = res.json.issues.find((i: { path: string }) => i.path === 'parties[1].country');
        expect(issue.message.en).toBe(
          'unknown country code: use a two-letter ISO 3166-1 code, e.g. "ID", "AU", "JP"',
        );
        expect(issue.message.id).toMatch(/kode negara/);
      }
    },
  );
});

describe('crafted pagination cursors', () => {
  /** Each paginated route, the index its cursor belongs to, and the partition the caller reads. */
  const PAGINATED = [
    { path: '/api/agreements', index: 'all', partition: ['allKey', 'AGREEMENT'], sort: 'listKey' },
    {
      path: '/api/agreements?status=draft',
      index: 'byStatus',
      partition: ['statusKey', 'STATUS#draft'],
      sort: 'listKey',
    },
    { path: '/api/inbox', index: 'inbox', partition: ['inboxKey', 'ROLE#biro_staff'], sort: 'inboxSort' },
    { path: '/api/archive', index: 'archive', partition: ['archiveKey', 'ALL'], sort: 'archiveSort' },
    {
      path: '/api/evaluation/lists/expiring-90',
      index: 'evaluation',
      partition: ['evalKey', 'VALIDITY'],
      sort: 'evalSort',
    },
  ] as const;

  const shapes = (index: string, [pkName, pkValue]: readonly [string, string], sort: string) => {
    const good = {
      pk: 'AGR#01JBZZZZZZZZZZZZZZZZZZZZZZ',
      sk: 'AGREEMENT',
      [pkName]: pkValue,
      [sort]: '2026-01-01#x',
    };
    return {
      'not base64 JSON': 'not-a-cursor!!',
      'base64 of text': Buffer.from('hello').toString('base64url'),
      'a JSON array': cursorOf([]),
      'JSON null': cursorOf(null),
      'a number': cursorOf(42),
      'no key': cursorOf({ index }),
      'an empty key': cursorOf({ index, key: {} }),
      'a key that is an array': cursorOf({ index, key: [good] }),
      'missing attributes': cursorOf({ index, key: { pk: good.pk } }),
      'numbers for strings': cursorOf({ index, key: { ...good, sk: 1, [sort]: 2 } }),
      'nested objects': cursorOf({ index, key: { ...good, pk: { S: 'x' } } }),
      'an extra attribute': cursorOf({ index, key: { ...good, admin: 'yes' } }),
      'empty strings': cursorOf({ index, key: { ...good, sk: '' } }),
      'huge strings': cursorOf({ index, key: { ...good, [sort]: 'x'.repeat(1100) } }),
      'another index': cursorOf({ index: index === 'all' ? 'byUnit' : 'all', key: good }),
      'another partition': cursorOf({ index, key: { ...good, [pkName]: `${pkValue}-OTHER` } }),
      'a prototype key': `${Buffer.from(`{"index":"${index}","key":{"__proto__":${JSON.stringify(good)}}}`).toString('base64url')}`,
    };
  };

  it.each(PAGINATED)(
    'answers each crafted cursor on $path with 400 naming cursor',
    async ({ path, index, partition, sort }) => {
      const biro = apiAs(stack, 'biro.staf');
      for (const [shape, cursor] of Object.entries(shapes(index, partition, sort))) {
        const res = await biro('GET', `${path}${path.includes('?') ? '&' : '?'}cursor=${cursor}`);
        expect(res.status, `${shape}: ${JSON.stringify(res.json)}`).toBe(400);
        expect(res.json.issues.map((i: { path: string }) => i.path)).toEqual(['cursor']);
        expect(res.json.issues[0].message.en).toMatch(/nextCursor/);
      }
    },
  );

  it('answers a well-formed cursor DynamoDB refuses (outside the date range asked for) with 400 naming cursor', async () => {
    const cursor = cursorOf({
      index: 'archive',
      key: {
        pk: 'AGR#01JBZZZZZZZZZZZZZZZZZZZZZZ',
        sk: 'FACET#ALL',
        archiveKey: 'ALL',
        archiveSort: '2031-01-01#x',
      },
    });
    const res = await apiAs(stack, 'biro.staf')(
      'GET',
      `/api/archive?signedFrom=2025-01-01&signedTo=2025-12-31&cursor=${cursor}`,
    );
    expect(res.status, JSON.stringify(res.json)).toBe(400);
    expect(res.json.issues[0].path).toBe('cursor');
  });

  it('still pages with the cursors it hands out', async () => {
    const biro = apiAs(stack, 'biro.staf');
    for (let i = 0; i < 2; i++)
      await apiAs(stack, 'disdik.penyusun')('POST', '/api/agreements', sampleFor('pks'));
    const first = await biro('GET', '/api/agreements?limit=1');
    expect(first.json.nextCursor).toBeTruthy();
    const second = await biro('GET', `/api/agreements?limit=1&cursor=${first.json.nextCursor}`);
    expect(second.status).toBe(200);
    expect(second.json.items[0].id).not.toBe(first.json.items[0].id);
  });
});

describe('handlers given raw path parameters', () => {
  /** API Gateway decodes path parameters; a handler must survive any string it may pass on, decoded or not. */
  it('answers every route with a 4xx for any path parameter value', async () => {
    const raw = [...MALFORMED_SEGMENTS, ...ODD_SEGMENTS.map((s) => decodeURIComponent(s)), '\uD800', 'ab/cd'];
    for (const route of ROUTES.filter((r) => r.path.includes('{'))) {
      const handler = await importHandler(route);
      const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
      const user = DEMO_USERS.find((u) => u.username === callerOf(route));
      for (const value of raw) {
        for (const name of names) {
          const result = await handler(lambdaEvent(route, { ...validParams(), [name]: value }, user));
          const what = `${route.path} ${name}=${JSON.stringify(value.slice(0, 20))}`;
          expect(result.statusCode, `${what}: ${result.body}`).toBeGreaterThanOrEqual(400);
          expect(result.statusCode, `${what}: ${result.body}`).toBeLessThan(500);
          expect(JSON.parse(String(result.body)).message.en, what).toBeTruthy();
        }
      }
    }
  });

  const validParams = () => ({
    id: draftId,
    documentType: 'PKS',
    category: 'KSDPK',
    name: 'expiring-90',
    reportId: REPORT_ID,
  });

  function lambdaEvent(
    route: RouteDefinition,
    pathParameters: Record<string, string>,
    user: (typeof DEMO_USERS)[number] | undefined,
  ): APIGatewayProxyEventV2 {
    return {
      version: '2.0',
      routeKey: `${route.method} ${route.path}`,
      rawPath: route.path,
      rawQueryString: '',
      headers: { 'content-type': route.name === 'Verify' ? 'application/pdf' : 'application/json' },
      pathParameters,
      ...(route.method === 'GET' ? {} : { body: '{}' }),
      isBase64Encoded: false,
      requestContext: {
        requestId: 'raw-path-test',
        http: { method: route.method, path: route.path },
        ...(user ? { authorizer: { jwt: { claims: claimsOf(user), scopes: [] } } } : {}),
      } as unknown as APIGatewayProxyEventV2['requestContext'],
    };
  }
});
