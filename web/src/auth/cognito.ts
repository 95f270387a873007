import type { AuthConfig } from './config.js';

type Cognito = Extract<AuthConfig, { mode: 'cognito' }>;

const VERIFIER_KEY = 'kerjasama.pkce';
const redirectUri = (c: Cognito) => c.redirectUri ?? `${location.origin}/auth/callback`;

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

/** Sends the browser to Cognito's hosted UI (authorization code with PKCE: no client secret in the app). */
export async function startCognitoSignIn(c: Cognito): Promise<void> {
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  sessionStorage.setItem(VERIFIER_KEY, verifier);
  const challenge = base64url(
    new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))),
  );
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: c.clientId,
    redirect_uri: redirectUri(c),
    scope: 'openid email profile',
    code_challenge_method: 'S256',
    code_challenge: challenge,
  });
  location.assign(`${c.domain}/oauth2/authorize?${params}`);
}

/** On /auth/callback: trades the code for tokens and returns the ID token the API's authorizer checks. */
export async function finishCognitoSignIn(c: Cognito, code: string): Promise<string> {
  const verifier = sessionStorage.getItem(VERIFIER_KEY) ?? '';
  sessionStorage.removeItem(VERIFIER_KEY);
  const res = await fetch(`${c.domain}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: c.clientId,
      code,
      redirect_uri: redirectUri(c),
      code_verifier: verifier,
    }),
  });
  if (!res.ok) throw new Error(`Cognito token exchange failed: HTTP ${res.status}`);
  return ((await res.json()) as { id_token: string }).id_token;
}

export function cognitoSignOutUrl(c: Cognito): string {
  const params = new URLSearchParams({ client_id: c.clientId, logout_uri: `${location.origin}/` });
  return `${c.domain}/logout?${params}`;
}
