import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';
import { LocalRevocationAuthority } from './revocation-authority.js';

/** A certificate and its private key, PEM-encoded. */
export interface Credential {
  certificatePem: string;
  privateKeyPem: string;
}

export interface SignerSubject {
  /** Stable id, used as the file name. */
  id: string;
  name: string;
  email: string;
  /** Position and organisation, shown in the certificate's subject. */
  title: string;
}

const OID_AUTHORITY_INFO_ACCESS = '1.3.6.1.5.5.7.1.1';
const OID_ACCESS_OCSP = '1.3.6.1.5.5.7.48.1';
const ORGANISATION = 'Pemerintah Daerah (embedded stack)';
const ROOT = 'root-ca';
const TSA = 'tsa';

/** The root certificate of the CA kept in `dir`, if it was created already (at the first signature). */
export function existingRoot(dir: string): string | undefined {
  const file = join(dir, `${ROOT}.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Credential).certificatePem : undefined;
}

function rsaKeys(): forge.pki.rsa.KeyPair {
  // Node's native key generation: node-forge's pure-JS RSA takes seconds per key.
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKey: forge.pki.privateKeyFromPem(
      privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    ) as forge.pki.rsa.PrivateKey,
    publicKey: forge.pki.publicKeyFromPem(
      publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    ) as forge.pki.rsa.PublicKey,
  };
}

/** Names are UTF-8 strings: node-forge's default PrintableString corrupts names such as "Paweł". */
const utf8 = (shortName: string, value: string) => ({
  shortName,
  value,
  valueTagClass: forge.asn1.Type.UTF8 as never,
});

function certificate(
  subject: forge.pki.CertificateField[],
  issuer: forge.pki.CertificateField[],
  publicKey: forge.pki.PublicKey,
  signingKey: forge.pki.rsa.PrivateKey,
  extensions: object[],
  years: number,
): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`;
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + years * 365 * 24 * 3600 * 1000);
  cert.setSubject(subject);
  cert.setIssuer(issuer);
  cert.setExtensions(extensions);
  cert.sign(signingKey, forge.md.sha256.create());
  return cert;
}

/**
 * The embedded stack's certificate authority: a root created on first start, and one certificate per
 * signer issued from it, all kept in `dir` (the local data folder). Tests trust the root.
 */
export class LocalCertificateAuthority {
  private root?: { cert: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey };
  /** Its CRL and OCSP responder, signed by the root. */
  readonly revocation: LocalRevocationAuthority;

  /**
   * `publicUrl`: where the embedded stack serves the CA's CRL (`/api/ca/crl`) and OCSP responder
   * (`/api/ca/ocsp`); certificates issued from then on name both, so verifiers know where to ask.
   */
  constructor(
    private readonly dir: string,
    private readonly publicUrl?: string | (() => string | undefined),
  ) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    this.revocation = new LocalRevocationAuthority(dir, () => {
      this.rootCa();
      return this.load(ROOT) as Credential;
    });
  }

  private file(name: string) {
    return join(this.dir, name);
  }

  private load(name: string): Credential | undefined {
    const file = this.file(`${name}.json`);
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Credential) : undefined;
  }

  private save(name: string, credential: Credential) {
    writeFileSync(this.file(`${name}.json`), JSON.stringify(credential), { mode: 0o600 });
  }

  private rootCa() {
    if (this.root) return this.root;
    let stored = this.load(ROOT);
    if (!stored) {
      const keys = rsaKeys();
      const name = [
        utf8('CN', 'Kerja Sama Local Root CA'),
        utf8('O', ORGANISATION),
        { shortName: 'C', value: 'ID' },
      ];
      const cert = certificate(
        name,
        name,
        keys.publicKey,
        keys.privateKey,
        [
          { name: 'basicConstraints', cA: true, critical: true },
          { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
          { name: 'subjectKeyIdentifier' },
        ],
        20,
      );
      stored = {
        certificatePem: forge.pki.certificateToPem(cert),
        privateKeyPem: forge.pki.privateKeyToPem(keys.privateKey),
      };
      this.save(ROOT, stored);
    }
    this.root = {
      cert: forge.pki.certificateFromPem(stored.certificatePem),
      key: forge.pki.privateKeyFromPem(stored.privateKeyPem) as forge.pki.rsa.PrivateKey,
    };
    return this.root;
  }

  /** Where its revocation services are; known once the embedded stack listens, so asked when issuing. */
  url(): string | undefined {
    return typeof this.publicUrl === 'function' ? this.publicUrl() : this.publicUrl;
  }

  /** Where a verifier finds the revocation status of the certificates this CA issues. */
  private revocationPointers(): object[] {
    const publicUrl = this.url();
    if (!publicUrl) return [];
    const { asn1 } = forge;
    const ocsp = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
        asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(OID_ACCESS_OCSP).getBytes()),
        // GeneralName uniformResourceIdentifier: [6] IMPLICIT IA5String.
        asn1.create(asn1.Class.CONTEXT_SPECIFIC, 6, false, `${publicUrl}/api/ca/ocsp`),
      ]),
    ]);
    return [
      { name: 'cRLDistributionPoints', altNames: [{ type: 6, value: `${publicUrl}/api/ca/crl` }] },
      { id: OID_AUTHORITY_INFO_ACCESS, value: ocsp },
    ];
  }

  get rootCertificatePem(): string {
    return forge.pki.certificateToPem(this.rootCa().cert);
  }

  /** The credential kept as `name`, or a new key pair with a certificate from the root, kept. */
  private issued(name: string, subject: forge.pki.CertificateField[], extensions: object[], years: number) {
    const stored = this.load(name);
    // A certificate issued before the CA served revocation data is issued again, naming where it is.
    const current =
      stored &&
      (!this.url() ||
        forge.pki.certificateFromPem(stored.certificatePem).getExtension('cRLDistributionPoints'));
    if (stored && current) return stored;
    const root = this.rootCa();
    const keys = rsaKeys();
    const cert = certificate(
      subject,
      root.cert.subject.attributes,
      keys.publicKey,
      root.key,
      [...extensions, ...this.revocationPointers()],
      years,
    );
    const credential = {
      certificatePem: forge.pki.certificateToPem(cert),
      privateKeyPem: forge.pki.privateKeyToPem(keys.privateKey),
    };
    this.save(name, credential);
    return credential;
  }

  /**
   * The embedded stack's timestamp authority, issued on first use: its certificate serves for
   * nothing but time-stamping (RFC 3161 §2.3: the only extended key usage, critical).
   */
  timestampCredential(): Credential {
    return this.issued(
      TSA,
      [
        utf8('CN', 'Kerja Sama Local Timestamp Authority'),
        utf8('O', ORGANISATION),
        { shortName: 'C', value: 'ID' },
      ],
      [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
        { name: 'extKeyUsage', timeStamping: true, critical: true },
        { name: 'subjectKeyIdentifier' },
      ],
      10,
    );
  }

  /** The signer's credential, issued on first use. */
  credential(subject: SignerSubject): Credential {
    return this.issued(
      `signer-${subject.id.replace(/[^\w-]/g, '_')}`,
      [
        utf8('CN', subject.name),
        // id-at-title (2.5.4.12): node-forge has no short name for it.
        { type: '2.5.4.12', value: subject.title, valueTagClass: forge.asn1.Type.UTF8 as never },
        utf8('O', ORGANISATION),
        { shortName: 'C', value: 'ID' },
        { name: 'emailAddress', value: subject.email },
      ],
      [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
        // NSS (pdfsig) refuses signer certificates whose only extended key usage is documentSigning.
        { name: 'extKeyUsage', emailProtection: true },
        { name: 'subjectAltName', altNames: [{ type: 1, value: subject.email }] },
        { name: 'subjectKeyIdentifier' },
      ],
      3,
    );
  }
}
