import { createHash } from 'node:crypto';
import type { RevocationProvider } from '@libpdf/core';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { PdfStream } from '../pdf/objects.js';
import { decodeStream, type Revision } from '../pdf/reader.js';
import type { RevocationFetcher } from '../ports/revocation.js';

/** Where a certificate's revocation status came from. */
export type RevocationSource = 'DSS' | 'CMS' | 'OCSP-online' | 'CRL-online' | 'none';

/** A certificate's revocation status as a report shows it. */
export interface RevocationInfo {
  /** The certificate's subject. */
  certificate: string;
  source: RevocationSource;
  type?: 'OCSP' | 'CRL';
  status: 'good' | 'revoked' | 'unknown';
  revokedAt?: string;
  /** When the responder or the CRL's issuer said so. */
  thisUpdate?: string;
}

/** Revocation data carried by the file: its document security store, and each signature's CMS. */
export interface RevocationData {
  ocsps: { response: pkijs.BasicOCSPResponse; source: RevocationSource }[];
  crls: { crl: pkijs.CertificateRevocationList; source: RevocationSource }[];
  /** Certificates the DSS holds: issuers that a CMS may leave out. */
  certificates: pkijs.Certificate[];
}

const OID_OCSP_BASIC = '1.3.6.1.5.5.7.48.1.1';
const OID_ADBE_REVOCATION = '1.2.840.113583.1.1.8';
const OID_AUTHORITY_INFO_ACCESS = '1.3.6.1.5.5.7.1.1';
const OID_ACCESS_OCSP = '1.3.6.1.5.5.7.48.1';
const OID_CRL_DISTRIBUTION_POINTS = '2.5.29.31';
/** A DSS with more entries than this is not one a signing tool wrote. */
const MAX_DSS_ENTRIES = 200;

const buffer = (bytes: Uint8Array): ArrayBuffer => new Uint8Array(bytes).buffer;

function basicResponse(der: ArrayBuffer): pkijs.BasicOCSPResponse | undefined {
  try {
    const response = pkijs.OCSPResponse.fromBER(der);
    if (response.responseBytes?.responseType !== OID_OCSP_BASIC) return;
    return pkijs.BasicOCSPResponse.fromBER(response.responseBytes.response.getValue());
  } catch {
    return undefined;
  }
}

function parsed<T>(parse: () => T): T | undefined {
  try {
    return parse();
  } catch {
    return undefined;
  }
}

/** The streams of one of the DSS's arrays, decoded within the file's budget. */
function dssStreams(revision: Revision, key: string): Uint8Array[] {
  const dss = revision.dict(revision.catalog?.get('DSS'));
  const entries = (revision.array(dss?.get(key)) ?? []).slice(0, MAX_DSS_ENTRIES);
  return entries.flatMap((entry) => {
    const stream = revision.resolve(entry);
    return stream instanceof PdfStream ? [decodeStream(stream, revision.file.budget)] : [];
  });
}

/**
 * What the document security store of a revision holds (PAdES B-LT). `seen` keeps what was parsed
 * by its bytes: a later revision's store repeats most of an earlier one's, and parsing is the cost.
 */
export function dssOf(revision: Revision, seen = new Map<string, unknown>()): RevocationData {
  const once = <T>(der: Uint8Array, parse: (der: ArrayBuffer) => T | undefined): T | undefined => {
    const key = createHash('sha256').update(der).digest('base64');
    if (!seen.has(key)) seen.set(key, parse(buffer(der)));
    return seen.get(key) as T | undefined;
  };
  return {
    ocsps: dssStreams(revision, 'OCSPs').flatMap((der) => {
      const response = once(der, basicResponse);
      return response ? [{ response, source: 'DSS' as const }] : [];
    }),
    crls: dssStreams(revision, 'CRLs').flatMap((der) => {
      const crl = once(der, (b) => parsed(() => pkijs.CertificateRevocationList.fromBER(b)));
      return crl ? [{ crl, source: 'DSS' as const }] : [];
    }),
    certificates: dssStreams(revision, 'Certs').flatMap((der) => {
      const cert = once(der, (b) => parsed(() => pkijs.Certificate.fromBER(b)));
      return cert ? [cert] : [];
    }),
  };
}

/** Revocation data inside a signature's CMS: its CRLs, and Adobe's revocation-information attribute. */
export function cmsRevocationOf(signedData: pkijs.SignedData | undefined): RevocationData {
  const data: RevocationData = { ocsps: [], crls: [], certificates: [] };
  for (const crl of signedData?.crls ?? []) {
    if (crl instanceof pkijs.CertificateRevocationList) data.crls.push({ crl, source: 'CMS' });
  }
  const archival = signedData?.signerInfos[0]?.signedAttrs?.attributes.find(
    (a) => a.type === OID_ADBE_REVOCATION,
  )?.values[0];
  // RevocationInfoArchival ::= SEQUENCE { crl [0] EXPLICIT SEQUENCE OF CRLs, ocsp [1] EXPLICIT SEQUENCE OF OCSPResponse, … }
  for (const tagged of archival instanceof asn1js.Sequence ? archival.valueBlock.value : []) {
    const list = (tagged as asn1js.Constructed).valueBlock?.value?.[0] as asn1js.Sequence | undefined;
    for (const item of list?.valueBlock?.value ?? []) {
      const der = item.toBER();
      if (tagged.idBlock.tagNumber === 0) {
        const crl = parsed(() => pkijs.CertificateRevocationList.fromBER(der));
        if (crl) data.crls.push({ crl, source: 'CMS' });
      } else if (tagged.idBlock.tagNumber === 1) {
        const response = basicResponse(der);
        if (response) data.ocsps.push({ response, source: 'CMS' });
      }
    }
  }
  return data;
}

/** The HTTP URLs a certificate names for OCSP (authority information access) and for its CRL. */
export function revocationUrls(cert: pkijs.Certificate): { ocsp: string[]; crl: string[] } {
  const http = (name: pkijs.GeneralName) =>
    name.type === 6 && /^https?:\/\//i.test(String(name.value)) ? [String(name.value)] : [];
  const extension = (oid: string) => cert.extensions?.find((e) => e.extnID === oid)?.parsedValue;
  const aia = extension(OID_AUTHORITY_INFO_ACCESS) as pkijs.InfoAccess | undefined;
  const cdp = extension(OID_CRL_DISTRIBUTION_POINTS) as pkijs.CRLDistributionPoints | undefined;
  return {
    ocsp: (aia?.accessDescriptions ?? [])
      .filter((d) => d.accessMethod === OID_ACCESS_OCSP)
      .flatMap((d) => http(d.accessLocation)),
    crl: (cdp?.distributionPoints ?? []).flatMap((p) =>
      Array.isArray(p.distributionPoint) ? p.distributionPoint.flatMap(http) : [],
    ),
  };
}

async function ocspStatus(
  cert: pkijs.Certificate,
  issuer: pkijs.Certificate,
  response: pkijs.BasicOCSPResponse,
): Promise<Omit<RevocationInfo, 'certificate' | 'source'> | undefined> {
  try {
    // An answer about other certificates is passed over before its signature is checked: a DSS
    // holds one per certificate of every chain, and checking each signature is the costly part.
    const single = response.tbsResponseData.responses.find((r) =>
      r.certID.serialNumber.isEqual(cert.serialNumber),
    );
    if (!single || !(await response.verify({ trustedCerts: [issuer], issuerCerts: [issuer] }))) return;
    const { isForCertificate, status } = await response.getCertificateStatus(cert, issuer);
    if (!isForCertificate) return;
    const revokedAt = status === 1 ? (single.certStatus as asn1js.Constructed | undefined) : undefined;
    const time = revokedAt?.valueBlock.value[0] as asn1js.GeneralizedTime | undefined;
    return {
      type: 'OCSP',
      status: status === 0 ? 'good' : status === 1 ? 'revoked' : 'unknown',
      ...(time ? { revokedAt: time.toDate().toISOString() } : {}),
      thisUpdate: single.thisUpdate.toISOString(),
    };
  } catch {
    return undefined;
  }
}

async function crlStatus(
  cert: pkijs.Certificate,
  issuer: pkijs.Certificate,
  crl: pkijs.CertificateRevocationList,
): Promise<Omit<RevocationInfo, 'certificate' | 'source'> | undefined> {
  try {
    if (!crl.issuer.isEqual(cert.issuer) || !(await crl.verify({ issuerCertificate: issuer }))) return;
    const entry = crl.revokedCertificates?.find((r) => r.userCertificate.isEqual(cert.serialNumber));
    return {
      type: 'CRL',
      status: entry ? 'revoked' : 'good',
      ...(entry ? { revokedAt: entry.revocationDate.value.toISOString() } : {}),
      thisUpdate: crl.thisUpdate.value.toISOString(),
    };
  } catch {
    return undefined;
  }
}

/**
 * The revocation status of `cert` (issued by `issuer`): from the data the file carries, the newest
 * answer that holds; else, when a fetcher is given, from the OCSP responder or CRL the certificate
 * names. A revoked answer wins over any good one.
 */
export async function revocationOf(
  cert: pkijs.Certificate,
  issuer: pkijs.Certificate,
  carried: RevocationData[],
  subject: string,
  fetcher?: RevocationFetcher,
): Promise<RevocationInfo> {
  const answers: RevocationInfo[] = [];
  for (const data of carried) {
    for (const { response, source } of data.ocsps) {
      const status = await ocspStatus(cert, issuer, response);
      if (status) answers.push({ certificate: subject, source, ...status });
    }
    for (const { crl, source } of data.crls) {
      const status = await crlStatus(cert, issuer, crl);
      if (status) answers.push({ certificate: subject, source, ...status });
    }
  }
  if (!answers.length && fetcher) answers.push(...(await online(cert, issuer, subject, fetcher)));
  const revoked = answers.find((a) => a.status === 'revoked');
  const newest = answers
    .filter((a) => a.status === 'good')
    .sort((a, b) => (b.thisUpdate ?? '').localeCompare(a.thisUpdate ?? ''))[0];
  return revoked ?? newest ?? answers[0] ?? { certificate: subject, source: 'none', status: 'unknown' };
}

/** Asks an OCSP responder about `cert`; the DER OCSPResponse when it answers with a basic response. */
async function askOcsp(
  cert: pkijs.Certificate,
  issuer: pkijs.Certificate,
  url: string,
  fetcher: RevocationFetcher,
): Promise<Uint8Array | undefined> {
  const request = new pkijs.OCSPRequest();
  await request.createForCertificate(cert, { hashAlgorithm: 'SHA-256', issuerCertificate: issuer });
  const der = await fetcher.ocsp(url, new Uint8Array(request.toSchema(true).toBER()));
  return der && basicResponse(buffer(der)) ? der : undefined;
}

async function askCrl(url: string, fetcher: RevocationFetcher): Promise<Uint8Array | undefined> {
  const der = await fetcher.crl(url);
  return der && parsed(() => pkijs.CertificateRevocationList.fromBER(buffer(der))) ? der : undefined;
}

async function online(
  cert: pkijs.Certificate,
  issuer: pkijs.Certificate,
  subject: string,
  fetcher: RevocationFetcher,
): Promise<RevocationInfo[]> {
  const urls = revocationUrls(cert);
  for (const url of urls.ocsp) {
    const der = await askOcsp(cert, issuer, url, fetcher);
    const response = der && basicResponse(buffer(der));
    const status = response && (await ocspStatus(cert, issuer, response));
    if (status) return [{ certificate: subject, source: 'OCSP-online', ...status }];
  }
  for (const url of urls.crl) {
    const der = await askCrl(url, fetcher);
    const crl = der && pkijs.CertificateRevocationList.fromBER(buffer(der));
    const status = crl && (await crlStatus(cert, issuer, crl));
    if (status) return [{ certificate: subject, source: 'CRL-online', ...status }];
  }
  return [];
}

/**
 * libpdf's revocation provider for PAdES B-LT, over the same fetcher: the OCSP answer or CRL each
 * certificate names, as DER, for the document security store.
 */
export function revocationProvider(fetcher: RevocationFetcher): RevocationProvider {
  return {
    async getOCSP(certDer, issuerDer) {
      const cert = pkijs.Certificate.fromBER(buffer(certDer));
      const issuer = pkijs.Certificate.fromBER(buffer(issuerDer));
      for (const url of revocationUrls(cert).ocsp) {
        const der = await askOcsp(cert, issuer, url, fetcher);
        if (der) return der;
      }
      return null;
    },
    async getCRL(certDer) {
      for (const url of revocationUrls(pkijs.Certificate.fromBER(buffer(certDer))).crl) {
        const der = await askCrl(url, fetcher);
        if (der) return der;
      }
      return null;
    },
  };
}
