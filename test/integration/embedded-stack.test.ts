import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmbeddedStack, startEmbeddedStack } from '../../infra/local/stack.js';
import { render, resourceOf, synthesise } from '../infra/support.js';

/** What a TCP connection to host:port gets: 'open', or the error code (ECONNREFUSED). */
function dial(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.setTimeout(3000, () => {
      socket.destroy();
      resolve('timeout');
    });
    socket.on('connect', () => {
      socket.destroy();
      resolve('open');
    });
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

/** The machine's addresses other than loopback, IPv6 link-local ones with their interface. */
const outsideAddresses = Object.entries(networkInterfaces()).flatMap(([name, addresses]) =>
  (addresses ?? [])
    .filter((a) => !a.internal)
    .map((a) => (a.family === 'IPv6' && a.scopeid ? `${a.address}%${name}` : a.address)),
);

/** host:port of every TCP socket this process listens on, read from /proc (Linux). */
function ownListeners(): string[] {
  const inodes = new Set(
    readdirSync('/proc/self/fd')
      .map((fd) => {
        try {
          return /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${fd}`))?.[1];
        } catch {
          return undefined;
        }
      })
      .filter(Boolean),
  );
  return ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((table) =>
    readFileSync(table, 'utf8')
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      // Column 3 is the state (0A = LISTEN), column 9 the socket's inode.
      .filter((cols) => cols[3] === '0A' && inodes.has(cols[9]))
      .map((cols) => {
        const [hex, port] = (cols[1] as string).split(':') as [string, string];
        // IPv4 addresses are little-endian hex; an IPv6 one is shown as /proc gives it.
        const address =
          hex.length === 8
            ? (hex.match(/../g) as string[])
                .reverse()
                .map((b) => Number.parseInt(b, 16))
                .join('.')
            : `[${hex}]`;
        return `${address}:${Number.parseInt(port, 16)}`;
      }),
  );
}

describe('the embedded stack', () => {
  let stack: EmbeddedStack;
  const web = mkdtempSync(join(tmpdir(), 'web-'));
  const port = (url: string | undefined) => Number(new URL(url ?? '').port);

  beforeAll(async () => {
    mkdirSync(join(web, 'assets'));
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>app</title>');
    writeFileSync(join(web, 'assets', 'index-abc.js'), 'console.log(1)');
    stack = await startEmbeddedStack({ inMemory: true, port: 0, webDir: web });
  });
  afterAll(async () => {
    await stack?.stop();
    rmSync(web, { recursive: true, force: true });
  });

  describe('listens on the loopback address only', () => {
    const services = () => ({
      API: port(stack.baseUrl),
      S3: port(stack.env.AWS_ENDPOINT_URL_S3),
      DynamoDB: port(stack.env.AWS_ENDPOINT_URL_DYNAMODB),
    });

    it('every service answers on 127.0.0.1', async () => {
      for (const [name, p] of Object.entries(services()))
        expect(await dial('127.0.0.1', p), name).toBe('open');
    });

    it.skipIf(outsideAddresses.length === 0)(
      `no service can be reached on this machine's other addresses (${outsideAddresses.join(', ') || 'none'})`,
      async () => {
        for (const [name, p] of Object.entries(services())) {
          for (const address of outsideAddresses) {
            expect(await dial(address, p), `${name} on ${address}`).toBe('ECONNREFUSED');
          }
        }
      },
    );

    it.skipIf(process.platform !== 'linux')(
      'this process listens only for the API and the S3 gateway: s3rver itself has no port',
      () => {
        const { API, S3 } = services();
        expect(ownListeners().sort()).toEqual([`127.0.0.1:${API}`, `127.0.0.1:${S3}`].sort());
      },
    );
  });

  it('sends the security headers CloudFront sends, on files and API answers alike', {
    timeout: 180_000,
  }, async () => {
    const { template } = synthesise({ stage: 'prod' });
    const [, policy] = resourceOf(
      template,
      'AWS::CloudFront::ResponseHeadersPolicy',
      'HostingSecurityHeaders',
    );
    const config = render(policy.Properties.ResponseHeadersPolicyConfig) as {
      SecurityHeadersConfig: {
        StrictTransportSecurity: {
          AccessControlMaxAgeSec: number;
          IncludeSubdomains: boolean;
          Preload: boolean;
        };
        ContentTypeOptions: object;
        FrameOptions: { FrameOption: string };
        ReferrerPolicy: { ReferrerPolicy: string };
        XSSProtection: { Protection: boolean; ModeBlock: boolean };
        ContentSecurityPolicy: { ContentSecurityPolicy: string };
      };
      CustomHeadersConfig: { Items: { Header: string; Value: string }[] };
    };
    const { SecurityHeadersConfig: s, CustomHeadersConfig: custom } = config;
    // CloudFront's rendering of the policy, as its documentation gives it.
    const hsts = s.StrictTransportSecurity;
    const cloud: Record<string, string> = {
      'strict-transport-security': `max-age=${hsts.AccessControlMaxAgeSec}${hsts.IncludeSubdomains ? '; includeSubDomains' : ''}${hsts.Preload ? '; preload' : ''}`,
      'x-content-type-options': 'nosniff',
      'x-frame-options': s.FrameOptions.FrameOption,
      'referrer-policy': s.ReferrerPolicy.ReferrerPolicy,
      'x-xss-protection': s.XSSProtection.Protection
        ? `1${s.XSSProtection.ModeBlock ? '; mode=block' : ''}`
        : '0',
      'content-security-policy': s.ContentSecurityPolicy.ContentSecurityPolicy,
      ...Object.fromEntries(custom.Items.map((h) => [h.Header.toLowerCase(), h.Value])),
    };
    // The same policy for the embedded stack's origins: no Cognito (demo sign-in), its own S3 endpoint.
    const expected = {
      ...cloud,
      'content-security-policy': cloud['content-security-policy']
        ?.replace(/ https:\/\/\{UsersSignIn\}\.auth\.[^ ;]+/, '')
        .replace(/https:\/\/\*\.s3\.[a-z0-9-]+\.amazonaws\.com/g, stack.env.AWS_ENDPOINT_URL_S3 ?? ''),
    };
    expect(expected['content-security-policy']).toContain(
      `connect-src 'self' ${stack.env.AWS_ENDPOINT_URL_S3};`,
    );
    expect(expected['content-security-policy']).toContain(
      `img-src 'self' data: blob: ${stack.env.AWS_ENDPOINT_URL_S3};`,
    );
    const requests: [string, RequestInit?][] = [
      ['/'],
      ['/assets/index-abc.js'],
      ['/agreements/01ABC'],
      ['/api/auth/dev-users'],
      ['/api/agreements'],
      ['/api/no-such-route'],
      ['/api/auth/dev-login', { method: 'POST', body: '{}' }],
      ['/api/auth/dev-users', { method: 'DELETE' }],
    ];
    for (const [path, init] of requests) {
      const res = await fetch(`${stack.baseUrl}${path}`, init);
      const sent = Object.fromEntries(Object.keys(expected).map((name) => [name, res.headers.get(name)]));
      expect(sent, `${init?.method ?? 'GET'} ${path} (${res.status})`).toEqual(expected);
    }
  });
});
