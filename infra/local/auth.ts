import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type CryptoKey,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from 'jose';
import { claimsOf } from '../../shared/identity/claims.js';
import type { Identity } from '../../shared/identity/identity.js';

const ISSUER = 'kerjasama-local';
const AUDIENCE = 'kerjasama-api';
const ALGORITHM = 'ES256';

/** The embedded stack's identity provider: issues and verifies JWTs with Cognito's claims. */
export interface LocalAuth {
  /** `expiresIn` as jose takes it: "8h", or an absolute epoch-seconds time. */
  issue(identity: Identity, expiresIn?: string | number): Promise<string>;
  /** The claims of a valid token, or undefined for a missing, expired or forged one. */
  verify(token: string | undefined): Promise<JWTPayload | undefined>;
}

async function keyPair(dir?: string): Promise<{ privateKey: CryptoKey; publicKey: CryptoKey }> {
  const file = dir && join(dir, 'signing-key.jwk.json');
  if (file && existsSync(file)) {
    const jwk = JSON.parse(readFileSync(file, 'utf8')) as JWK;
    const { d: _, ...publicJwk } = jwk;
    return {
      privateKey: (await importJWK(jwk, ALGORITHM)) as CryptoKey,
      publicKey: (await importJWK(publicJwk, ALGORITHM)) as CryptoKey,
    };
  }
  const pair = await generateKeyPair(ALGORITHM, { extractable: true });
  if (file && dir) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, JSON.stringify(await exportJWK(pair.privateKey)), { mode: 0o600 });
  }
  return pair;
}

/** A local signing key, kept in `dir` so tokens survive restarts (or in memory without one). */
export async function createLocalAuth(dir?: string): Promise<LocalAuth> {
  const { privateKey, publicKey } = await keyPair(dir);
  return {
    issue: (identity, expiresIn = '8h') =>
      new SignJWT({ ...claimsOf(identity), token_use: 'id' })
        .setProtectedHeader({ alg: ALGORITHM })
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(expiresIn)
        .sign(privateKey),
    async verify(token) {
      if (!token) return undefined;
      try {
        const { payload } = await jwtVerify(token, publicKey, {
          issuer: ISSUER,
          audience: AUDIENCE,
          algorithms: [ALGORITHM],
        });
        return payload;
      } catch {
        return undefined;
      }
    },
  };
}
