import { readFile, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * Serves the built web app as CloudFront does in the cloud: a file when one matches the path, else
 * index.html so the app's own router handles `/agreements/…` or a QR code's `/verify/…`; every
 * response with `responseHeaders` (CloudFront's response headers policy).
 */
export function staticFiles(dir: string, responseHeaders: Record<string, string> = {}) {
  const root = resolve(dir);
  return async (pathname: string, method: string, res: ServerResponse): Promise<void> => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      decoded = '/';
    }
    const candidate = resolve(join(root, decoded));
    // A path that escapes the folder (`/../`, encoded or not) falls back to the app, never to the disk.
    const inside = candidate === root || candidate.startsWith(root + sep);
    const file =
      inside && !decoded.includes('\0') && (await isFile(candidate)) ? candidate : join(root, 'index.html');
    const body = await readFile(file).catch(() => undefined);
    if (!body) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...responseHeaders });
      res.end('The web app is not built: run npm run build:web');
      return;
    }
    // Vite puts a content hash in asset names, so those may be cached for good; the rest may change.
    const immutable = file.includes(`${sep}assets${sep}`);
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': body.length,
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'x-content-type-options': 'nosniff',
      ...responseHeaders,
    });
    res.end(method === 'HEAD' ? undefined : body);
  };
}

export type StaticHandler = ReturnType<typeof staticFiles>;
