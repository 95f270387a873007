import { createHash, webcrypto } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { certificateFromPem } from '../../signing/cms.js';
import { credentialKey } from './credential-key.js';

pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as never }));

/** A certificate the CA revoked: its serial number (hex) and when. */
export interface Revoked {
  serialNumber: string;
  revokedAt: string;
}

const OID_OCSP_BASIC = '1.3.6.1.5.5.7.48.1.1';
const OID_OCSP_NONCE = '1.3.6.1.5.5.7.48.1.2';
const OID_CRL_NUMBER = '2.5.29.20';
/** Revocation answers are valid for a day: a verifier asks again after that. */
const VALIDITY_MS = 24 * 3600 * 1000;
const REVOKED_FILE = 'revoked.json';

const serial = (hex: string) =>
  new asn1js.Integer({ valueHex: new Uint8Array(Buffer.from(hex, 'hex')).buffer });
const bytes = (der: ArrayBuffer) => new Uint8Array(der);
/** DER times carry whole seconds (RFC 5280 §4.1.2.5.2): NSS refuses an answer with milliseconds. */
const seconds = (date: Date) => new Date(Math.floor(date.getTime() / 1000) * 1000);

/**
 * The revocation side of the embedded stack's certificate authority: the list of revoked
 * certificates kept beside the CA's keys, published as a CRL and answered over OCSP, both signed by
 * the root (RFC 5280, RFC 6960). The CA's certificates name where to ask.
 */
export class LocalRevocationAuthority {
  constructor(
    private readonly dir: string,
    /** The root's certificate and private key (PEM). */
    private readonly root: () => { certificatePem: string; privateKeyPem: string },
  ) {}

  revoked(): Revoked[] {
    const file = join(this.dir, REVOKED_FILE);
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Revoked[]) : [];
  }

  /** Revokes a certificate of this CA from `at` on; revoking it again keeps the first time. */
  revoke(certificatePem: string, at: Date): void {
    const cert = certificateFromPem(certificatePem);
    const serialNumber = Buffer.from(cert.serialNumber.valueBlock.valueHexView).toString('hex');
    const list = this.revoked();
    if (list.some((r) => r.serialNumber === serialNumber)) return;
    list.push({ serialNumber, revokedAt: at.toISOString() });
    writeFileSync(join(this.dir, REVOKED_FILE), JSON.stringify(list), { mode: 0o600 });
  }

  private signing() {
    return credentialKey(this.root());
  }

  /** The current CRL (DER), numbered by the time it was made. */
  async crl(at = new Date()): Promise<Uint8Array> {
    const now = seconds(at);
    const { certificate, key } = await this.signing();
    const revoked = this.revoked();
    const crl = new pkijs.CertificateRevocationList({
      version: 1,
      issuer: certificate.subject,
      thisUpdate: new pkijs.Time({ type: 0, value: now }),
      nextUpdate: new pkijs.Time({ type: 0, value: new Date(now.getTime() + VALIDITY_MS) }),
      ...(revoked.length
        ? {
            revokedCertificates: revoked.map(
              (r) =>
                new pkijs.RevokedCertificate({
                  userCertificate: serial(r.serialNumber),
                  revocationDate: new pkijs.Time({ type: 0, value: new Date(r.revokedAt) }),
                }),
            ),
          }
        : {}),
      crlExtensions: new pkijs.Extensions({
        extensions: [
          new pkijs.Extension({
            extnID: OID_CRL_NUMBER,
            extnValue: new asn1js.Integer({ value: Math.floor(now.getTime() / 1000) }).toBER(),
          }),
        ],
      }),
    });
    await crl.sign(key, 'SHA-256');
    return bytes(crl.toSchema(true).toBER());
  }

  /**
   * The OCSP response (DER) to a request: per certificate asked about, good, revoked (with when) or
   * unknown when the request names another issuer; the request's nonce echoed. A request that cannot
   * be read is answered `malformedRequest`, as RFC 6960 says.
   */
  async ocsp(requestDer: Uint8Array, at = new Date()): Promise<Uint8Array> {
    const now = seconds(at);
    let request: pkijs.OCSPRequest;
    try {
      request = pkijs.OCSPRequest.fromBER(new Uint8Array(requestDer).buffer);
    } catch {
      return bytes(
        new pkijs.OCSPResponse({ responseStatus: new asn1js.Enumerated({ value: 1 }) }).toSchema().toBER(),
      );
    }
    const { certificate, key } = await this.signing();
    const revoked = new Map(this.revoked().map((r) => [r.serialNumber, seconds(new Date(r.revokedAt))]));
    const issuerName = Buffer.from(certificate.subject.toSchema().toBER());
    const issuerKey = Buffer.from(certificate.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView);
    const responses = request.tbsRequest.requestList.map(({ reqCert }) => {
      const hash = { '1.3.14.3.2.26': 'sha1', '2.16.840.1.101.3.4.2.1': 'sha256' }[
        reqCert.hashAlgorithm.algorithmId
      ];
      const ours =
        hash !== undefined &&
        createHash(hash)
          .update(issuerName)
          .digest()
          .equals(Buffer.from(reqCert.issuerNameHash.valueBlock.valueHexView)) &&
        createHash(hash)
          .update(issuerKey)
          .digest()
          .equals(Buffer.from(reqCert.issuerKeyHash.valueBlock.valueHexView));
      const at = revoked.get(Buffer.from(reqCert.serialNumber.valueBlock.valueHexView).toString('hex'));
      const certStatus = !ours
        ? new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 2 } })
        : at
          ? new asn1js.Constructed({
              idBlock: { tagClass: 3, tagNumber: 1 },
              value: [new asn1js.GeneralizedTime({ valueDate: at })],
            })
          : new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 } });
      return new pkijs.SingleResponse({
        certID: reqCert,
        certStatus,
        thisUpdate: now,
        nextUpdate: new Date(now.getTime() + VALIDITY_MS),
      });
    });
    const nonce = request.tbsRequest.requestExtensions?.find((e) => e.extnID === OID_OCSP_NONCE);
    const basic = new pkijs.BasicOCSPResponse({
      tbsResponseData: new pkijs.ResponseData({
        responderID: certificate.subject,
        producedAt: now,
        responses,
        ...(nonce ? { responseExtensions: [nonce] } : {}),
      }),
      certs: [certificate],
    });
    await basic.sign(key, 'SHA-256');
    return bytes(
      new pkijs.OCSPResponse({
        responseStatus: new asn1js.Enumerated({ value: 0 }),
        responseBytes: new pkijs.ResponseBytes({
          responseType: OID_OCSP_BASIC,
          response: new asn1js.OctetString({ valueHex: basic.toSchema().toBER() }),
        }),
      })
        .toSchema()
        .toBER(),
    );
  }
}
