import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { LocalTimestampAuthority } from '../../shared/adapters/local/local-timestamp-authority.js';

/** A TSA a test points signing at: its URL, how often it was asked, and a way to stop it. */
export interface TestTsa {
  url: string;
  requests: () => number;
  close: () => Promise<void>;
}

type Answer = (request: Buffer) => Promise<{ status?: number; body: Uint8Array } | 'never'>;

/** A tiny HTTP server answering timestamp queries as `answer` says (or never answering). */
export async function tsaServer(answer: Answer): Promise<TestTsa> {
  let count = 0;
  const server: Server = createServer(async (req, res) => {
    count++;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const reply = await answer(Buffer.concat(chunks));
    if (reply === 'never') return;
    res.writeHead(reply.status ?? 200, { 'content-type': 'application/timestamp-reply' });
    res.end(reply.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/tsr`,
    requests: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The same request with its imprint replaced by the SHA-256 of other bytes (nonce kept). */
function forOtherHash(request: Buffer): Uint8Array {
  const parsed = pkijs.TimeStampReq.fromBER(new Uint8Array(request));
  parsed.messageImprint.hashedMessage = new asn1js.OctetString({
    valueHex: createHash('sha256').update('some other document').digest(),
  });
  return new Uint8Array(parsed.toSchema().toBER());
}

/** The faults a TSA may show, each built on the local TSA so that everything else is genuine. */
export const faultyTsa = {
  /** Accepts the connection and never answers. */
  silent: () => tsaServer(async () => 'never'),
  /** Answers with a megabyte: no TSA's reply is that large. */
  oversized: () => tsaServer(async () => ({ body: new Uint8Array(1024 * 1024) })),
  /** Answers with an HTTP error. */
  httpError: () => tsaServer(async () => ({ status: 500, body: new Uint8Array() })),
  /** A well-formed RFC 3161 rejection (badAlg), as a TSA refusing the hash algorithm answers. */
  rejecting: (tsa: LocalTimestampAuthority) =>
    tsaServer(async (request) => {
      const parsed = pkijs.TimeStampReq.fromBER(new Uint8Array(request));
      parsed.messageImprint.hashAlgorithm.algorithmId = '1.2.3.4';
      return { body: await tsa.reply(new Uint8Array(parsed.toSchema().toBER())) };
    }),
  /** A valid token, signed by the TSA, for another hash than the one asked for. */
  otherHash: (tsa: LocalTimestampAuthority) =>
    tsaServer(async (request) => ({ body: await tsa.reply(forOtherHash(request)) })),
  /** The first reply it gave, replayed to every later request (its nonce is stale). */
  replaying: (tsa: LocalTimestampAuthority) => {
    let first: Uint8Array | undefined;
    return tsaServer(async (request) => {
      first ??= await tsa.reply(request);
      return { body: first };
    });
  },
  /** The genuine local TSA. */
  working: (tsa: LocalTimestampAuthority) =>
    tsaServer(async (request) => ({ body: await tsa.reply(request) })),
};
