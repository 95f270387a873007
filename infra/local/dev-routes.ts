import { timingSafeEqual } from 'node:crypto';
import { authenticated, http, json, jsonBody, RequestError } from '../../functions/http.js';
import { regionId } from '../../functions/wiring/admin.js';
import { users } from '../../functions/wiring/identity.js';
import { regionAdmin } from '../../functions/wiring/region.js';
import { userAdminDeps } from '../../functions/wiring/users.js';
import type { BsreSimulator, SimulatorAnswer } from '../../shared/adapters/local/bsre-simulator.js';
import type { LocalTimestampAuthority } from '../../shared/adapters/local/local-timestamp-authority.js';
import { storeDirectory } from '../../shared/admin/directory.js';
import { type SetupDeps, setUp, setupNeeded } from '../../shared/admin/first-start.js';
import type { User } from '../../shared/admin/user.js';
import { identityOfUser } from '../../shared/admin/user.js';
import { resolveCaller } from '../../shared/admin/users.js';
import { say } from '../../shared/form/messages.js';
import { isUnitRole } from '../../shared/identity/identity.js';
import type { OutboxMessage } from '../../shared/ports/outbox.js';
import { allItems } from '../../shared/ports/page.js';
import type { LocalAuth } from './auth.js';
import type { LocalRoute } from './http-adapter.js';

/** Every enabled user of the region, by name. */
const enabledUsers = (): Promise<User[]> =>
  allItems((cursor) => users().list(regionId(), { enabled: true }, 100, cursor));

const setupDeps = (): SetupDeps => ({ users: userAdminDeps(), region: regionAdmin(), regionId: regionId() });

/**
 * Sign-in on the embedded stack, as any enabled stored user (Cognito's hosted UI in the cloud). The
 * token proves who signed in; every request then reads the stored user, as in the cloud.
 */
export function devAuthRoutes(auth: LocalAuth): LocalRoute[] {
  return [
    {
      method: 'GET',
      path: '/api/auth/dev-users',
      public: true,
      handle: http(async () =>
        json(200, {
          users: (await enabledUsers()).map(({ username, name, role, unit }) => ({
            username,
            name,
            role,
            ...(unit ? { unit } : {}),
          })),
        }),
      ),
    },
    {
      method: 'POST',
      path: '/api/auth/dev-login',
      public: true,
      handle: http(async (event) => {
        const { username } = (jsonBody(event) ?? {}) as { username?: unknown };
        const id = typeof username === 'string' ? await users().usernameOwner(username) : undefined;
        if (!id) {
          throw new RequestError(
            400,
            say(
              'Kirim {"username"} salah satu pengguna dari GET /api/auth/dev-users',
              'Send {"username"} of one of the users from GET /api/auth/dev-users',
            ),
          );
        }
        const user = identityOfUser(await resolveCaller(users(), regionId(), id));
        return json(200, { token: await auth.issue(user), user });
      }),
    },
    {
      method: 'GET',
      path: '/api/setup',
      public: true,
      handle: http(async () => json(200, { needed: await setupNeeded(setupDeps()) })),
    },
    {
      // A started-empty stack: the region's profile and the first admin, who is signed in at once.
      method: 'POST',
      path: '/api/setup',
      public: true,
      handle: http(async (event) => {
        const user = identityOfUser(await setUp(setupDeps(), jsonBody(event)));
        return json(201, { token: await auth.issue(user), user });
      }),
    },
  ];
}

/**
 * GET /api/outbox: the notifications the embedded stack would have emailed, newest first: only the
 * signed-in user's own mail, as a mailbox would hold it (their role, and their unit for OPD roles).
 * Admins included: in the cloud nobody reads another person's mail through the system.
 */
export function outboxRoute(
  list: (limit: number, to: OutboxMessage['to']) => Promise<OutboxMessage[]>,
): LocalRoute {
  return {
    method: 'GET',
    path: '/api/outbox',
    handle: authenticated(async (event, user) => {
      const limit = Math.min(Math.max(Number(event.queryStringParameters?.limit ?? 100) || 100, 1), 500);
      const to = { role: user.role, ...(isUnitRole(user.role) && user.unit ? { unit: user.unit } : {}) };
      const messages = await list(limit, to);
      const directory = storeDirectory(users(), regionId());
      return json(200, {
        items: await Promise.all(
          messages.map(async (m) => ({ ...m, recipients: await directory.emailsOf(m.to.role, m.to.unit) })),
        ),
      });
    }),
  };
}

/**
 * POST /tsa: the embedded stack's RFC 3161 timestamp authority (application/timestamp-query in,
 * application/timestamp-reply out), what public TSAs do for the cloud. Signing reaches it over HTTP
 * through TSA_URLS, the same adapter as in the cloud.
 */
export function timestampRoute(tsa: LocalTimestampAuthority): LocalRoute {
  return {
    method: 'POST',
    path: '/tsa',
    public: true,
    handle: async (event) => {
      const type = event.headers['content-type'] ?? '';
      if (!/^application\/timestamp-query\s*(;|$)/i.test(type)) {
        return json(415, {
          error: 'unsupported_media_type',
          message: say(
            'Kirim permintaan cap waktu RFC 3161 dengan content-type application/timestamp-query',
            'Send an RFC 3161 timestamp request with content-type application/timestamp-query',
          ),
        });
      }
      const body = Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');
      const reply = await tsa.reply(body);
      return {
        statusCode: 200,
        headers: { 'content-type': 'application/timestamp-reply' },
        body: Buffer.from(reply).toString('base64'),
        isBase64Encoded: true,
      };
    },
  };
}

/**
 * The local certificate authority's revocation services (the cloud's CAs run their own): its CRL
 * and its OCSP responder, named in the certificates it issues. Public, as a CA's are.
 */
export function certificateAuthorityRoutes(caDir: string): LocalRoute[] {
  const authority = async () => {
    const { LocalCertificateAuthority } = await import(
      '../../shared/adapters/local/certificate-authority.js'
    );
    return new LocalCertificateAuthority(caDir).revocation;
  };
  const der = (bytes: Uint8Array, contentType: string) => ({
    statusCode: 200,
    headers: { 'content-type': contentType, 'cache-control': 'no-store' },
    body: Buffer.from(bytes).toString('base64'),
    isBase64Encoded: true,
  });
  return [
    {
      method: 'GET',
      path: '/api/ca/crl',
      public: true,
      handle: async () => der(await (await authority()).crl(), 'application/pkix-crl'),
    },
    {
      method: 'POST',
      path: '/api/ca/ocsp',
      public: true,
      handle: async (event) => {
        const body = Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'latin1');
        return der(await (await authority()).ocsp(body), 'application/ocsp-response');
      },
    },
    {
      // RFC 6960 appendix A.1: a small request may come as GET, base64 in the path (NSS does so).
      method: 'GET',
      path: '/api/ca/ocsp/{request}',
      public: true,
      handle: async (event) => {
        const request = Buffer.from(event.pathParameters?.request ?? '', 'base64');
        return der(await (await authority()).ocsp(request), 'application/ocsp-response');
      },
    },
  ];
}

/**
 * BSrE's Esign Client Service API v2 as the embedded stack simulates it (`/bsre/api/v2/sign/pdf`,
 * `/bsre/api/v2/user/check/status`), for SIGNING_TRANSPORT=bsre: HTTP basic with the stack's client id
 * and secret, else 401 as BSrE answers. Request bodies (they carry passphrases) are never logged.
 */
export function bsreRoutes(
  simulator: () => Promise<BsreSimulator>,
  client: { id: string; secret: string },
): LocalRoute[] {
  const expected = Buffer.from(`Basic ${Buffer.from(`${client.id}:${client.secret}`).toString('base64')}`);
  const answer =
    (
      handle: (simulator: BsreSimulator, body: unknown) => Promise<SimulatorAnswer> | SimulatorAnswer,
    ): LocalRoute['handle'] =>
    async (event) => {
      const given = Buffer.from(event.headers.authorization ?? '');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        return json(401, { status_code: 401, error: 'Unauthorized' });
      }
      let body: unknown;
      try {
        body = JSON.parse(
          Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8').toString(),
        );
      } catch {
        return json(400, { status_code: 2000, error: 'Body harus JSON' });
      }
      try {
        const { status, body: reply } = await handle(await simulator(), body);
        return json(status, reply);
      } catch (error) {
        // What the real service does when its own TSA or HSM fails: a server error, retried later.
        return json(500, { status_code: 5000, error: `Internal error: ${(error as Error).name}` });
      }
    };
  return [
    {
      method: 'POST',
      path: '/bsre/api/v2/sign/pdf',
      public: true,
      handle: answer((s, body) => s.sign(body)),
    },
    {
      method: 'POST',
      path: '/bsre/api/v2/user/check/status',
      public: true,
      handle: answer((s, body) => s.checkStatus(body)),
    },
  ];
}
