import { createPrivateKey, webcrypto } from 'node:crypto';
import * as pkijs from 'pkijs';
import { pemToDer } from '../../signing/pem.js';

/** A PEM credential of the local CA as pkijs signs with it: the certificate and a WebCrypto RSA key. */
export async function credentialKey(credential: { certificatePem: string; privateKeyPem: string }) {
  const der = new Uint8Array(pemToDer(credential.certificatePem));
  const pkcs8 = createPrivateKey(credential.privateKeyPem).export({ type: 'pkcs8', format: 'der' });
  const key = await webcrypto.subtle.importKey(
    'pkcs8',
    pkcs8,
    { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return { certificate: pkijs.Certificate.fromBER(der), der, key: key as CryptoKey };
}
