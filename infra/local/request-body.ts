import type { IncomingMessage, ServerOptions } from 'node:http';

/** How long the embedded stack's servers wait for a client that stops sending. */
export interface RequestLimits {
  /** Longest gap between two chunks of a body before the request is answered and closed. */
  bodyIdleMs: number;
  /** Time to receive a request's headers (a client that trickles them ties up a socket). */
  headersMs: number;
  /** Time to receive a whole request, body included, however steadily it trickles. */
  requestMs: number;
}

export const DEFAULT_LIMITS: RequestLimits = { bodyIdleMs: 20_000, headersMs: 20_000, requestMs: 600_000 };

/** Node's own timeouts for the headers and the whole request, checked at a tenth of the headers' time. */
export function serverTimeouts(limits: RequestLimits): ServerOptions {
  return {
    headersTimeout: limits.headersMs,
    requestTimeout: limits.requestMs,
    connectionsCheckingInterval: Math.max(Math.floor(limits.headersMs / 10), 50),
  };
}

export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`request body exceeds ${limit} bytes`);
  }
}

export class BodyTimedOut extends Error {
  constructor(readonly idleMs: number) {
    super(`no body bytes for ${idleMs} ms`);
  }
}

/** The client went away before its body ended: there is nobody to answer. */
export class BodyAborted extends Error {}

/**
 * Passes each chunk of a request body to `sink` until it ends. Rejects when the body exceeds
 * `maxBytes`, when no chunk arrives for `idleMs`, or when the client aborts; the request is then
 * left unread, for the caller to answer and close.
 */
export function receiveBody(
  req: IncomingMessage,
  { maxBytes, idleMs }: { maxBytes: number; idleMs: number },
  sink: (chunk: Buffer) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let size = 0;
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => finish(new BodyTimedOut(idleMs)), idleMs);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) return finish(new BodyTooLarge(maxBytes));
      arm();
      sink(chunk);
    };
    const onEnd = () => finish();
    const onClose = () => finish(new BodyAborted('the client closed the connection'));
    const finish = (error?: Error) => {
      clearTimeout(timer);
      req.off('data', onData).off('end', onEnd).off('close', onClose).off('error', onClose);
      if (error) {
        req.pause();
        reject(error);
      } else resolve();
    };
    if (req.complete && req.readableEnded) return resolve();
    req.on('data', onData).on('end', onEnd).on('close', onClose).on('error', onClose);
    arm();
  });
}

/** The whole body in memory, within the same bounds. */
export async function readBody(
  req: IncomingMessage,
  bounds: { maxBytes: number; idleMs: number },
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  await receiveBody(req, bounds, (chunk) => chunks.push(chunk));
  return Buffer.concat(chunks);
}
