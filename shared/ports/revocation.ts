/**
 * Revocation data fetched online, for certificates whose chain is trusted: the OCSP responder or the
 * CRL a certificate names. Either answers the DER it received, or undefined when the service does
 * not answer in time or answers with an error (the status then stays unknown: try later).
 */
export interface RevocationFetcher {
  ocsp(url: string, request: Uint8Array): Promise<Uint8Array | undefined>;
  crl(url: string): Promise<Uint8Array | undefined>;
}
