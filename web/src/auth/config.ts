/**
 * How users sign in, read at runtime from /config.json so one build serves every environment:
 * the embedded stack's demo users, or Cognito's hosted UI in the cloud.
 */
export type AuthConfig =
  | { mode: 'dev' }
  | {
      mode: 'cognito';
      /** The hosted UI's domain, e.g. https://kerjasama.auth.ap-southeast-3.amazoncognito.com */
      domain: string;
      clientId: string;
      /** Where Cognito sends the user back; defaults to this origin's /auth/callback. */
      redirectUri?: string;
    };

export async function loadAuthConfig(): Promise<AuthConfig> {
  const res = await fetch('/config.json', { cache: 'no-store' }).catch(() => undefined);
  const config = res?.ok ? ((await res.json()) as { auth?: AuthConfig }) : {};
  return config.auth ?? { mode: 'dev' };
}
