import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a test service received: what the adapter under test really sent. */
export interface Received {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

export type Reply = { status: number; body: unknown } | 'never';

export interface JsonServer {
  url: string;
  received: Received[];
  close(): Promise<void>;
}

/** A small in-process HTTP service answering JSON requests as `answer` says (or never answering). */
export async function jsonServer(answer: (request: Received) => Reply | Promise<Reply>): Promise<JsonServer> {
  const received: Received[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString();
    const request: Received = {
      method: req.method ?? '',
      path: req.url ?? '',
      headers: req.headers,
      body: text ? JSON.parse(text) : undefined,
    };
    received.push(request);
    const reply = await answer(request);
    if (reply === 'never') return;
    const body = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    res.writeHead(reply.status, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
