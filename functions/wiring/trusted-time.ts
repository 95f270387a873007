import { requireEnv } from '../../shared/adapters/aws/clients.js';
import { httpRevocationFetcher } from '../../shared/adapters/http-revocation.js';
import { HttpTimestampAuthorities } from '../../shared/adapters/tsa/http-timestamp-authorities.js';
import type { TimestampAuthority } from '../../shared/ports/timestamps.js';
import type { SealDeps } from '../../shared/signing/archival.js';

/** How long one TSA may take before the next is asked, unless TSA_TIMEOUT_MS says otherwise. */
const TSA_TIMEOUT_MS = 5000;

/** How many days before a seal's timestamp certificate expires it is renewed, unless configured. */
const RENEWAL_MARGIN_DAYS = 180;

const positive = (value: string | undefined, fallback: number) => {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};

/**
 * Trusted time: the RFC 3161 TSAs named in TSA_URLS (comma-separated, asked in order), each given
 * TSA_TIMEOUT_MS. The embedded stack names its own TSA, the cloud stage its configured ones. Read at
 * each use, so that a changed setting holds from the next request.
 */
export function timestampAuthorities(): TimestampAuthority {
  const urls = requireEnv('TSA_URLS')
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean);
  return new HttpTimestampAuthorities(urls, {
    timeoutMs: positive(process.env.TSA_TIMEOUT_MS, TSA_TIMEOUT_MS),
  });
}

/** What the archive's seal (B-LTA) asks: trusted time, and revocation data from where certificates name. */
export const sealDeps = (): SealDeps => ({
  timestamps: timestampAuthorities(),
  revocation: httpRevocationFetcher,
});

/** ARCHIVE_RENEWAL_MARGIN_DAYS: how long before its certificate expires a seal's timestamp is renewed. */
export const renewalMarginDays = () => positive(process.env.ARCHIVE_RENEWAL_MARGIN_DAYS, RENEWAL_MARGIN_DAYS);
