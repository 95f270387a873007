import { randomBytes } from 'node:crypto';
import { UnavailableError } from '../../errors.js';
import { type Bilingual, say } from '../../form/messages.js';
import type { DigestAlgorithm, TimestampAuthority } from '../../ports/timestamps.js';
import {
  DIGEST_OIDS,
  readTimestampReply,
  readTimestampToken,
  timestampRequest,
} from '../../signing/timestamp-token.js';

/** A reply is a few KB (token, TSA certificate, perhaps its chain); more is not a TSA talking. */
const MAX_REPLY_BYTES = 256 * 1024;

/** Why one TSA gave no usable token, in the words the signer reads. */
class Refusal extends Error {
  constructor(readonly reason: Bilingual) {
    super(reason.en);
  }
}

const STATUS_NAMES = [
  'granted',
  'grantedWithMods',
  'rejection',
  'waiting',
  'revocationWarning',
  'revocationNotification',
];

/** The reply's bytes, read no further than MAX_REPLY_BYTES whatever length the TSA announces. */
async function boundedBody(response: Response): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  for (let read = await reader?.read(); reader && read && !read.done; read = await reader.read()) {
    size += read.value.byteLength;
    if (size > MAX_REPLY_BYTES) {
      await reader.cancel();
      throw new Refusal(say('jawabannya terlalu besar', 'its reply is too large'));
    }
    chunks.push(read.value);
  }
  return Buffer.concat(chunks);
}

/** A random positive 64-bit nonce: the reply must echo it, so no stored or replayed reply passes. */
function freshNonce(): bigint {
  return randomBytes(8).readBigUInt64BE() | 1n;
}

export interface HttpTimestampOptions {
  /** How long one TSA may take to answer (connection, reply and body), in milliseconds. */
  timeoutMs: number;
}

/**
 * RFC 3161 over HTTP (application/timestamp-query → application/timestamp-reply), asking the
 * configured TSAs in order. Each reply is checked before it is used: status granted, the token's
 * messageImprint equals the digest asked for under the same algorithm, our nonce echoed, the TSA's
 * signature valid and its certificate limited to the critical timeStamping key usage. A TSA that
 * times out, is unreachable or fails a check is passed over for the next; when none is left, the
 * reasons go to the signer in an UnavailableError (503) and nothing is signed.
 */
export class HttpTimestampAuthorities implements TimestampAuthority {
  constructor(
    private readonly urls: readonly string[],
    private readonly options: HttpTimestampOptions,
  ) {
    if (!urls.length) throw new Error('no timestamp authority URL is configured');
  }

  async timestamp(digest: Uint8Array, algorithm: DigestAlgorithm): Promise<Uint8Array> {
    const reasons: { url: string; reason: Bilingual }[] = [];
    for (const url of this.urls) {
      try {
        return await this.ask(url, digest, DIGEST_OIDS[algorithm]);
      } catch (error) {
        if (!(error instanceof Refusal)) throw error;
        reasons.push({ url, reason: error.reason });
      }
    }
    const list = (lang: 'id' | 'en') => reasons.map((r) => `${r.url}: ${r.reason[lang]}`).join('; ');
    throw new UnavailableError('timestamp authority', {
      text: say(
        `Penandatanganan belum dapat dilakukan: tidak ada otoritas cap waktu (TSA) yang memberi cap waktu yang sah (${list('id')}). Tidak ada yang tersimpan dan langkah tanda tangan tetap terbuka; coba lagi sebentar lagi.`,
        `Signing cannot be done yet: no timestamp authority (TSA) gave a valid timestamp (${list('en')}). Nothing was saved and the signing step stays open; please try again shortly.`,
      ),
      cause: new Error(list('en')),
    });
  }

  private async ask(url: string, digest: Uint8Array, algorithmOid: string): Promise<Uint8Array> {
    const nonce = freshNonce();
    const seconds = this.options.timeoutMs / 1000;
    let body: Uint8Array;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/timestamp-query', accept: 'application/timestamp-reply' },
        body: timestampRequest(digest, algorithmOid, nonce),
        signal: AbortSignal.timeout(this.options.timeoutMs),
        redirect: 'error',
      });
      if (!response.ok) {
        await response.body?.cancel();
        throw new Refusal(say(`menjawab HTTP ${response.status}`, `answered HTTP ${response.status}`));
      }
      body = await boundedBody(response);
    } catch (error) {
      if (error instanceof Refusal) throw error;
      const name = (error as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new Refusal(say(`tidak menjawab dalam ${seconds} detik`, `did not answer within ${seconds} s`));
      }
      throw new Refusal(say('tidak dapat dihubungi', 'could not be reached'));
    }
    const reply = readTimestampReply(body);
    if (!reply)
      throw new Refusal(say('jawabannya bukan jawaban RFC 3161', 'its reply is not an RFC 3161 reply'));
    if (reply.status !== 0 && reply.status !== 1) {
      const detail = [
        STATUS_NAMES[reply.status] ?? `status ${reply.status}`,
        ...reply.failures,
        reply.statusText,
      ]
        .filter(Boolean)
        .join(', ');
      throw new Refusal(say(`menolak permintaan (${detail})`, `refused the request (${detail})`));
    }
    if (!reply.token) throw new Refusal(say('mengabulkan tanpa token', 'granted without a token'));
    const token = await readTimestampToken(reply.token, { digest, algorithmOid });
    if (!token) throw new Refusal(say('tokennya tidak dapat dibaca', 'its token cannot be read'));
    if (!token.imprintMatches) {
      throw new Refusal(say('memberi token untuk hash lain', 'gave a token for another hash'));
    }
    if (token.nonce !== nonce)
      throw new Refusal(say('tidak mengembalikan nonce kami', 'did not echo our nonce'));
    if (!token.signatureValid) {
      throw new Refusal(say('tanda tangan tokennya tidak sah', "its token's signature does not hold"));
    }
    if (!token.timeStampingCertificate) {
      throw new Refusal(
        say(
          'sertifikatnya tidak khusus untuk cap waktu (timeStamping, kritis)',
          'its certificate is not limited to time-stamping (critical timeStamping key usage)',
        ),
      );
    }
    return reply.token;
  }
}
