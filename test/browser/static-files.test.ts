import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiServer, listen } from '../../infra/local/http-adapter.js';
import { staticFiles } from '../../infra/local/static-files.js';

/** A raw GET: fetch would normalise `..` away before the server ever saw it. */
function get(base: string, path: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}/`, { path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => {
        body += c.toString();
      });
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the embedded stack serves the web app', () => {
  const root = mkdtempSync(join(tmpdir(), 'web-'));
  const dist = join(root, 'dist');
  const server = createApiServer({ verify: async () => undefined, web: staticFiles(dist) });
  let base = '';

  beforeAll(async () => {
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>app</title>');
    writeFileSync(join(dist, 'assets', 'index-abc.js'), 'console.log(1)');
    writeFileSync(join(dist, 'config.json'), '{}');
    writeFileSync(join(root, 'secret.txt'), 'secret');
    base = await listen(server, 0);
  });
  afterAll(() => {
    server.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('serves files with their content types, hashed assets cached for good', async () => {
    const js = await get(base, '/assets/index-abc.js');
    expect([js.status, js.type, js.body]).toEqual([200, 'text/javascript; charset=utf-8', 'console.log(1)']);
    expect((await get(base, '/config.json')).type).toBe('application/json; charset=utf-8');
    expect((await get(base, '/')).type).toBe('text/html; charset=utf-8');
  });

  it('answers the app’s own paths with index.html', async () => {
    for (const path of ['/agreements/01ABC', '/verify/01ABC', '/archive?q=x']) {
      const res = await get(base, path);
      expect([res.status, res.body]).toEqual([200, '<!doctype html><title>app</title>']);
    }
  });

  it('never leaves its folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%00']) {
      const res = await get(base, path);
      expect(res.body).not.toContain('secret');
    }
  });

  it('leaves /api to the API', async () => {
    const res = await get(base, '/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.type).toContain('application/json');
  });
});
