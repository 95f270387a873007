/**
 * The security headers of every response: CloudFront's response headers policy in the cloud
 * (hosting.ts), the embedded stack's HTTP server locally. One definition, so the two cannot drift.
 */
export const SECURITY_HEADERS = {
  strictTransportSecurity: { maxAgeSeconds: 730 * 86_400, includeSubdomains: true, preload: true },
  frameOption: 'DENY',
  referrerPolicy: 'strict-origin-when-cross-origin',
  xssProtection: { protection: true, modeBlock: true },
  permissionsPolicy: 'camera=(), microphone=(), geolocation=()',
} as const;

/**
 * The web app's content security policy. `connect` names the origins it calls besides its own:
 * the sign-in service that trades its code for tokens, and the S3 endpoint of presigned uploads;
 * `images` those it shows images from: the S3 endpoint of the region's emblem (a five-minute link).
 */
export function contentSecurityPolicy(connect: readonly string[], images: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    ["img-src 'self' data: blob:", ...images].join(' '),
    "font-src 'self' data:",
    ["connect-src 'self'", ...connect].join(' '),
    // The form's PDF preview shows a blob: URL in a frame.
    "frame-src 'self' blob:",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    'upgrade-insecure-requests',
  ].join('; ');
}

/** The headers as a browser receives them from CloudFront (names lower-case, as Node sends them). */
export function securityHeaders(csp: string): Record<string, string> {
  const { strictTransportSecurity: hsts, xssProtection: xss } = SECURITY_HEADERS;
  return {
    'strict-transport-security': [
      `max-age=${hsts.maxAgeSeconds}`,
      ...(hsts.includeSubdomains ? ['includeSubDomains'] : []),
      ...(hsts.preload ? ['preload'] : []),
    ].join('; '),
    'x-content-type-options': 'nosniff',
    'x-frame-options': SECURITY_HEADERS.frameOption,
    'referrer-policy': SECURITY_HEADERS.referrerPolicy,
    'x-xss-protection': xss.protection ? `1${xss.modeBlock ? '; mode=block' : ''}` : '0',
    'content-security-policy': csp,
    'permissions-policy': SECURITY_HEADERS.permissionsPolicy,
  };
}
