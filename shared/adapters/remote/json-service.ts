import { UnavailableError } from '../../errors.js';
import { say } from '../../form/messages.js';

/** A remote signing service's answer: its HTTP status and its JSON body (undefined when not JSON). */
export interface ServiceAnswer {
  status: number;
  body: unknown;
}

export interface ServiceCall {
  /** The service's name in messages ("BSrE", "the CSC service"). */
  service: string;
  timeoutMs: number;
  headers: Record<string, string>;
}

export const unavailable = (service: string, id: string, en: string) =>
  new UnavailableError(service, {
    text: say(`${service} ${id}; coba lagi nanti`, `${service} ${en}; try again later`),
  });

/**
 * POSTs JSON to a remote signing service. What only the service can be blamed for is a 503 here: no
 * answer in time, no connection, a server error or an answer that is not JSON. The request body is never part of an error: it may hold a passphrase.
 */
export async function postJson(url: string, body: unknown, call: ServiceCall): Promise<ServiceAnswer> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...call.headers },
      body: JSON.stringify(body),
      redirect: 'error',
      signal: AbortSignal.timeout(call.timeoutMs),
    });
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError';
    const seconds = Math.round(call.timeoutMs / 1000);
    throw timedOut
      ? unavailable(
          call.service,
          `tidak menjawab dalam ${seconds} detik`,
          `did not answer within ${seconds} s`,
        )
      : unavailable(call.service, 'tidak dapat dihubungi', 'cannot be reached');
  }
  const text = await response.text().catch(() => '');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (response.status >= 500 || parsed === undefined) {
    throw unavailable(call.service, `menjawab HTTP ${response.status}`, `answered HTTP ${response.status}`);
  }
  return { status: response.status, body: parsed };
}

/** The service refused our own client credentials: the signer cannot fix that, an administrator can. */
export function assertClientAccepted(answer: ServiceAnswer, service: string): void {
  if (answer.status === 401 || answer.status === 403) {
    throw unavailable(
      service,
      `menolak kredensial klien aplikasi ini (HTTP ${answer.status}); administrator perlu memeriksanya`,
      `refused this application's client credentials (HTTP ${answer.status}); an administrator must check them`,
    );
  }
}

/** HTTP basic authentication with a client id and secret, as the services' public clients send it. */
export const basicAuth = (id: string, secret: string) => ({
  authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`,
});
