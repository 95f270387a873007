import { createHash, randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { DigestAlgorithm, TimestampAuthority } from '../../ports/timestamps.js';
import {
  DIGEST_OIDS,
  OID_SIGNED_DATA,
  OID_TST_INFO,
  readTimestampReply,
  timestampRequest,
} from '../../signing/timestamp-token.js';
import { LocalCertificateAuthority } from './certificate-authority.js';
import { credentialKey } from './credential-key.js';

/** The embedded stack's TSA policy: an OID under IANA's example enterprise number (RFC 5612). */
export const LOCAL_TSA_POLICY = '1.3.6.1.4.1.32473.1.3161.1';

const OID_CONTENT_TYPE = '1.2.840.113549.1.9.3';
const OID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const OID_SIGNING_CERTIFICATE_V2 = '1.2.840.113549.1.9.16.2.47';
/** Digest lengths by algorithm: an imprint of another length is refused (badDataFormat). */
const DIGEST_LENGTHS: Record<string, number> = {
  '1.3.14.3.2.26': 20,
  [DIGEST_OIDS['SHA-256']]: 32,
  [DIGEST_OIDS['SHA-384']]: 48,
  [DIGEST_OIDS['SHA-512']]: 64,
};

/** PKIFailureInfo bits (RFC 3161 §2.4.2) this TSA answers with. */
const BAD_ALG = 0;
const BAD_REQUEST = 2;
const BAD_DATA_FORMAT = 5;
const UNACCEPTED_POLICY = 15;

function rejection(bit: number, text: string): Uint8Array {
  const bits = new Uint8Array(Math.floor(bit / 8) + 1);
  bits[Math.floor(bit / 8)] = 0x80 >> (bit % 8);
  const reply = new pkijs.TimeStampResp({
    status: new pkijs.PKIStatusInfo({
      status: pkijs.PKIStatus.rejection,
      statusStrings: [new asn1js.Utf8String({ value: text })],
      failInfo: new asn1js.BitString({ valueHex: bits, unusedBits: 7 - (bit % 8) }),
    }),
  });
  return new Uint8Array(reply.toSchema().toBER());
}

/** signing-certificate-v2 (RFC 5035): ESSCertIDv2 with SHA-256 (the default, so not named) and issuerSerial. */
function signingCertificateV2(cert: pkijs.Certificate, der: Uint8Array): pkijs.Attribute {
  const issuerSerial = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: [
          new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 4 }, value: [cert.issuer.toSchema()] }),
        ],
      }),
      cert.serialNumber,
    ],
  });
  const essCertIdV2 = new asn1js.Sequence({
    value: [new asn1js.OctetString({ valueHex: createHash('sha256').update(der).digest() }), issuerSerial],
  });
  return new pkijs.Attribute({
    type: OID_SIGNING_CERTIFICATE_V2,
    values: [new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] })],
  });
}

/**
 * The embedded stack's RFC 3161 timestamp authority: a certificate from the local CA limited to
 * time-stamping, and tokens built with pkijs (TSTInfo with this TSA's policy, a random serial, the
 * time now, one second's accuracy and the requester's nonce; SignedData signed over
 * content-type, message-digest and signing-certificate-v2; the TSA certificate included when asked).
 * The embedded stack serves it over HTTP (POST /tsa); tests and the bench may also ask it in-process.
 */
export class LocalTimestampAuthority implements TimestampAuthority {
  private readonly ca: LocalCertificateAuthority;
  private signing?: Promise<{ cert: pkijs.Certificate; der: Uint8Array; key: CryptoKey }>;

  /** `publicUrl`: where the CA's revocation services are, named in the TSA's certificate. */
  constructor(dir: string, publicUrl?: string | (() => string | undefined)) {
    this.ca = new LocalCertificateAuthority(dir, publicUrl);
  }

  get certificatePem(): string {
    return this.ca.timestampCredential().certificatePem;
  }

  private signingKey() {
    this.signing ??= credentialKey(this.ca.timestampCredential()).then(({ certificate, der, key }) => ({
      cert: certificate,
      der,
      key,
    }));
    return this.signing;
  }

  async timestamp(digest: Uint8Array, algorithm: DigestAlgorithm): Promise<Uint8Array> {
    const request = timestampRequest(digest, DIGEST_OIDS[algorithm], BigInt(Date.now()));
    const token = readTimestampReply(await this.reply(request))?.token;
    if (!token) throw new Error('the local TSA refused a well-formed request');
    return token;
  }

  /** Answers a DER TimeStampReq with a DER TimeStampResp: a token, or a rejection saying why. */
  async reply(requestDer: Uint8Array, now = new Date()): Promise<Uint8Array> {
    let request: pkijs.TimeStampReq;
    try {
      request = pkijs.TimeStampReq.fromBER(new Uint8Array(requestDer));
    } catch {
      return rejection(BAD_REQUEST, 'not an RFC 3161 TimeStampReq');
    }
    const imprint = request.messageImprint;
    const length = DIGEST_LENGTHS[imprint.hashAlgorithm.algorithmId];
    if (length === undefined) return rejection(BAD_ALG, 'unsupported hash algorithm');
    if (imprint.hashedMessage.valueBlock.valueHexView.byteLength !== length) {
      return rejection(BAD_DATA_FORMAT, 'the imprint does not have its algorithm’s length');
    }
    if (request.reqPolicy && request.reqPolicy !== LOCAL_TSA_POLICY) {
      return rejection(UNACCEPTED_POLICY, 'unknown policy');
    }
    const { cert, der, key } = await this.signingKey();
    const tstInfo = new pkijs.TSTInfo({
      version: 1,
      policy: LOCAL_TSA_POLICY,
      messageImprint: imprint,
      serialNumber: new asn1js.Integer({ valueHex: new Uint8Array([0x01, ...randomBytes(15)]) }),
      // Whole seconds: the accuracy says how far the time may be off.
      genTime: new Date(Math.floor(now.getTime() / 1000) * 1000),
      accuracy: new pkijs.Accuracy({ seconds: 1 }),
      ...(request.nonce ? { nonce: request.nonce } : {}),
    });
    const content = new Uint8Array(tstInfo.toSchema().toBER());
    const signedData = new pkijs.SignedData({
      version: 3,
      encapContentInfo: new pkijs.EncapsulatedContentInfo({
        eContentType: OID_TST_INFO,
        eContent: new asn1js.OctetString({ valueHex: content }),
      }),
      signerInfos: [
        new pkijs.SignerInfo({
          version: 1,
          sid: new pkijs.IssuerAndSerialNumber({ issuer: cert.issuer, serialNumber: cert.serialNumber }),
          signedAttrs: new pkijs.SignedAndUnsignedAttributes({
            type: 0,
            attributes: [
              new pkijs.Attribute({
                type: OID_CONTENT_TYPE,
                values: [new asn1js.ObjectIdentifier({ value: OID_TST_INFO })],
              }),
              new pkijs.Attribute({
                type: OID_MESSAGE_DIGEST,
                values: [new asn1js.OctetString({ valueHex: createHash('sha256').update(content).digest() })],
              }),
              signingCertificateV2(cert, der),
            ],
          }),
        }),
      ],
      ...(request.certReq ? { certificates: [cert] } : {}),
    });
    await signedData.sign(key, 0, 'SHA-256');
    const reply = new pkijs.TimeStampResp({
      status: new pkijs.PKIStatusInfo({ status: pkijs.PKIStatus.granted }),
      timeStampToken: new pkijs.ContentInfo({
        contentType: OID_SIGNED_DATA,
        content: signedData.toSchema(true),
      }),
    });
    return new Uint8Array(reply.toSchema().toBER());
  }
}
