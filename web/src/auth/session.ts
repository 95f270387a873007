/**
 * The ID token of whoever signed in, kept on this device until it expires. It proves who signed in;
 * what they may do (role, unit, whether they are enabled) the API reads from its user store on every
 * request, and the app from GET /api/me.
 */
const KEY = 'kerjasama.session';

/** Seconds since the epoch at which the token expires, from its payload (the API verifies it). */
function expiryOf(token: string): number {
  try {
    const part = token.split('.')[1] ?? '';
    const binary = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
    const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
    return Number(claims.exp ?? 0);
  } catch {
    return 0;
  }
}

/** The token kept on this device, while it has not expired. */
export function loadToken(): string | undefined {
  const token = localStorage.getItem(KEY) ?? undefined;
  return token && expiryOf(token) * 1000 > Date.now() ? token : undefined;
}

export function storeToken(token: string | undefined): void {
  if (token) localStorage.setItem(KEY, token);
  else localStorage.removeItem(KEY);
}
