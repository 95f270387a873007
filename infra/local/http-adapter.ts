import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ROUTES, type RouteDefinition } from '../../functions/api/routes.js';
import { json } from '../../functions/http.js';
import { say } from '../../shared/form/messages.js';
import {
  BodyAborted,
  BodyTimedOut,
  BodyTooLarge,
  DEFAULT_LIMITS,
  type RequestLimits,
  readBody,
  serverTimeouts,
} from './request-body.js';
import type { StaticHandler } from './static-files.js';

type Handler = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;
export type HandlerLoader = (route: RouteDefinition) => Promise<Handler>;

/** A route only the embedded stack serves, handled in-process (sign-in for demo users, the outbox). */
export interface LocalRoute {
  method: RouteDefinition['method'];
  path: string;
  /** Served without a token: how a demo user gets one. */
  public?: boolean;
  handle: Handler;
}

export interface ApiServerOptions {
  routes?: readonly RouteDefinition[];
  load?: HandlerLoader;
  /** Verifies bearer tokens as API Gateway's JWT authorizer does; its claims reach the handler. */
  verify: (token: string | undefined) => Promise<Record<string, unknown> | undefined>;
  localRoutes?: readonly LocalRoute[];
  /** Serves the web app for GET and HEAD requests outside /api (CloudFront's job in the cloud). */
  web?: StaticHandler;
  /** Headers every response carries, over the handler's own (CloudFront's response headers policy). */
  responseHeaders?: Record<string, string>;
  /** How long a client may take to send its headers and body. */
  limits?: Partial<RequestLimits>;
}

/** Lambda's synchronous invocation payload limit. */
const MAX_BODY_BYTES = 6 * 1024 * 1024;
/** Bodies API Gateway passes as text; anything else arrives base64-encoded. */
const TEXT_TYPES = /^(application\/(json|x-www-form-urlencoded|xml)|text\/)/i;

const handlers = new Map<string, Promise<Handler>>();

/** Imports the route's handler module once, as a Lambda container would. */
export const importHandler: HandlerLoader = (route) => {
  let loaded = handlers.get(route.entry);
  if (!loaded) {
    const url = pathToFileURL(resolve(route.entry)).href;
    loaded = import(url).then((m: { handler: Handler }) => m.handler);
    handlers.set(route.entry, loaded);
  }
  return loaded;
};

type AnyRoute = (RouteDefinition & { kind: 'lambda' }) | (LocalRoute & { kind: 'local' });

interface Match {
  route: AnyRoute;
  pathParameters: Record<string, string>;
}

function compile(route: { path: string }): RegExp {
  const pattern = route.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{(\w+)\\?\}/g, '(?<$1>[^/]+)');
  return new RegExp(`^${pattern}$`);
}

function match(routes: readonly AnyRoute[], method: string, path: string): Match | 'method' | undefined {
  let pathMatched = false;
  for (const route of routes) {
    const m = compile(route).exec(path);
    if (!m) continue;
    pathMatched = true;
    if (route.method !== method) continue;
    const pathParameters: Record<string, string> = Object.fromEntries(
      Object.entries(m.groups ?? {}).map(([k, v]) => [k, decodePathSegment(v)]),
    );
    return { route, pathParameters };
  }
  return pathMatched ? 'method' : undefined;
}

/** A path segment whose percent-encoding is not UTF-8 (`%E0%A4%A`): the client's mistake, a 400. */
class MalformedPath extends Error {
  constructor(readonly segment: string) {
    super(`malformed percent-encoding in ${segment}`);
  }
}

function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new MalformedPath(segment);
  }
}

/** Builds the API Gateway HTTP API (payload 2.0) event the Lambda would receive. */
export function toEvent(
  req: IncomingMessage,
  url: URL,
  body: Buffer,
  m: Match,
  claims: Record<string, unknown> | undefined,
): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined && name !== 'cookie')
      headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = k in query ? `${query[k]},${v}` : v;
  const method = req.method ?? 'GET';
  const text = TEXT_TYPES.test(headers['content-type'] ?? '');
  const now = new Date();
  const cookies = req.headers.cookie?.split(';').map((c) => c.trim());
  return {
    version: '2.0',
    routeKey: `${m.route.method} ${m.route.path}`,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(cookies ? { cookies } : {}),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(Object.keys(m.pathParameters).length ? { pathParameters: m.pathParameters } : {}),
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? '127.0.0.1',
      domainPrefix: 'local',
      http: {
        method,
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: `${m.route.method} ${m.route.path}`,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      ...(claims ? { authorizer: { jwt: { claims, scopes: [] } } } : {}),
    },
    ...(body.length ? { body: text ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: body.length > 0 && !text,
  };
}

function send(
  res: ServerResponse,
  result: APIGatewayProxyStructuredResultV2,
  responseHeaders: Record<string, string> = {},
): void {
  const headers: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(result.headers ?? {})) headers[k.toLowerCase()] = String(v);
  Object.assign(headers, responseHeaders);
  if (result.cookies?.length) headers['set-cookie'] = result.cookies;
  const body =
    result.body === undefined ? '' : Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8');
  res.writeHead(result.statusCode ?? 200, headers);
  res.end(body);
}

const message = (statusCode: number, text: string): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify({ error: 'http', message: { id: text, en: text } }),
});

const bearer = (header: string | undefined) => /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];

/**
 * An HTTP server that serves `routes` by invoking their Lambda handlers with API Gateway v2 events,
 * after checking the bearer token as the cloud's JWT authorizer does (401 before any handler runs).
 */
export function createApiServer(options: ApiServerOptions): Server {
  const load = options.load ?? importHandler;
  const routes: AnyRoute[] = [
    ...(options.localRoutes ?? []).map((r) => ({ ...r, kind: 'local' as const })),
    ...(options.routes ?? ROUTES).flatMap((r) =>
      [r.path, ...(r.alsoServes ?? [])].map((path) => ({ ...r, path, kind: 'lambda' as const })),
    ),
  ];
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const reply = (res: ServerResponse, result: APIGatewayProxyStructuredResultV2) =>
    send(res, result, options.responseHeaders);
  return createServer(serverTimeouts(limits), async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const method = req.method ?? 'GET';
      if (options.web && !url.pathname.startsWith('/api/') && (method === 'GET' || method === 'HEAD')) {
        return await options.web(url.pathname, method, res);
      }
      const m = match(routes, req.method ?? 'GET', url.pathname);
      if (m === undefined) return reply(res, message(404, `No route for ${url.pathname}`));
      if (m === 'method') return reply(res, message(405, `${req.method} is not allowed on ${url.pathname}`));
      const isPublic = m.route.public === true;
      const claims = isPublic ? undefined : await options.verify(bearer(req.headers.authorization));
      if (!isPublic && !claims) return reply(res, message(401, 'Unauthorized'));
      const body = await readBody(req, { maxBytes: MAX_BODY_BYTES, idleMs: limits.bodyIdleMs });
      const event = toEvent(req, url, body, m, claims);
      const handler = m.route.kind === 'local' ? m.route.handle : await load(m.route);
      reply(res, await handler(event));
    } catch (error) {
      if (error instanceof BodyAborted) return req.socket.destroy();
      // A body still arriving is not read any further: the connection closes after the answer.
      if (!req.complete) res.setHeader('connection', 'close');
      if (error instanceof BodyTooLarge) return reply(res, message(413, 'Request body exceeds 6 MB'));
      if (error instanceof BodyTimedOut)
        return reply(res, message(408, `No part of the request body arrived for ${error.idleMs / 1000} s`));
      if (error instanceof MalformedPath) {
        const shown = error.segment.slice(0, 100);
        return reply(
          res,
          json(400, {
            error: 'bad_request',
            message: say(
              `Alamat (path) berisi kode persen yang tidak sah: "${shown}"`,
              `The path has a malformed percent-encoding: "${shown}"`,
            ),
          }),
        );
      }
      console.error('handler failed', error);
      reply(res, message(500, 'Internal error'));
    }
  });
}

export async function listen(server: Server, port: number): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
