import { type Identity, identitySchema } from './identity.js';

/**
 * The JWT claims both identity providers issue: Cognito (cloud) and the local issuer (embedded stack).
 * API Gateway's JWT authorizer passes them to Lambda with arrays flattened to "[a b]" strings.
 */
export interface Claims {
  sub: string;
  'cognito:username': string;
  'cognito:groups': string[] | string;
  'custom:unit'?: string;
  name: string;
  email: string;
}

export function claimsOf(identity: Identity): Claims {
  return {
    sub: identity.sub,
    'cognito:username': identity.username,
    'cognito:groups': [identity.role],
    ...(identity.unit ? { 'custom:unit': identity.unit } : {}),
    name: identity.name,
    email: identity.email,
  };
}

function groups(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string')
    return value
      .replace(/^\[|\]$/g, '')
      .split(/[\s,]+/)
      .filter(Boolean);
  return [];
}

/** The identity in a set of verified claims, or undefined when they do not describe a known user. */
export function identityFromClaims(claims: Record<string, unknown>): Identity | undefined {
  const parsed = identitySchema.safeParse({
    sub: claims.sub,
    username: claims['cognito:username'] ?? claims.username,
    name: claims.name,
    email: claims.email,
    role: groups(claims['cognito:groups'])[0],
    unit: claims['custom:unit'] || undefined,
  });
  return parsed.success ? parsed.data : undefined;
}
