import type { App } from 'aws-cdk-lib';
import * as z from 'zod';

/** Retention periods CloudWatch Logs accepts, in days. */
const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1827, 3653];

/**
 * One deployment stage (dev, prod): everything that differs between them. Defined under
 * `stages.<name>` in cdk.json; `-c stage=prod` picks one, and top-level `-c key=value` entries
 * override its fields (e.g. `-c alarmEmail=ops@example.go.id`).
 */
export const StageConfig = z
  .object({
    stage: z.enum(['dev', 'prod']),
    /** CloudFormation stack name; resource names derive from it. */
    stackName: z.string().regex(/^[A-Za-z][A-Za-z0-9-]{0,63}$/),
    account: z
      .string()
      .regex(/^\d{12}$/)
      .optional(),
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/),
    logRetentionDays: z.number().refine((d) => LOG_RETENTION_DAYS.includes(d), 'not a CloudWatch retention'),
    /** Prod keeps the table, user pool and logs when the stack is deleted, and refuses table deletion. */
    retainData: z.boolean(),
    deletionProtection: z.boolean(),
    /** Object lock of the archive: compliance in prod (nobody, root included, can shorten it). */
    archiveLock: z.object({ mode: z.enum(['COMPLIANCE', 'GOVERNANCE']), days: z.number().int().positive() }),
    /** Refused uploads are kept this long under quarantine/ for investigation. */
    quarantineDays: z.number().int().positive(),
    /** Uploads under incoming/ once ingested (the archive or quarantine holds the copy that counts). */
    incomingDays: z.number().int().positive(),
    /** Rendered drafts move to infrequent-access storage this long after they are written. */
    draftsInfrequentAccessDays: z.number().int().min(30),
    /** Versions replaced or deleted (the cleanup of failed writes) are kept this long. */
    noncurrentDays: z.number().int().positive(),
    alarmEmail: z.email(),
    /** The verified SES identity notifications come from. */
    senderEmail: z.email(),
    /**
     * The id of the region this deployment serves: its profile, users and admin log are kept under it,
     * so that one deployment can later serve several.
     */
    regionId: z
      .string()
      .regex(/^[a-z0-9-]{2,40}$/)
      .default('region'),
    mfa: z.enum(['optional', 'required']),
    /** The web app and API on a custom domain: its ACM certificate must be in us-east-1. */
    domainName: z
      .string()
      .regex(/^([a-z0-9-]+\.)+[a-z]{2,}$/)
      .optional(),
    certificateArn: z
      .string()
      .regex(/^arn:aws:acm:us-east-1:\d{12}:certificate\/[\w-]+$/)
      .optional(),
    /** A WAF web ACL (scope CLOUDFRONT, so made in us-east-1) in front of the distribution. */
    webAclArn: z
      .string()
      .regex(/^arn:aws:wafv2:us-east-1:\d{12}:global\/webacl\/[\w-]+\/[\w-]+$/)
      .optional(),
    /**
     * RFC 3161 timestamp authorities that date every signature (PAdES B-T), asked in this order, each
     * given 5 s. Tokens are checked (imprint, nonce, signature, time-stamping certificate), so plain
     * HTTP serves. On the command line: `-c tsaUrls=https://a,https://b`.
     */
    tsaUrls: z.preprocess(
      (value) => (typeof value === 'string' ? value.split(',').map((url) => url.trim()) : value),
      z.array(z.url({ protocol: /^https?$/ })).min(1),
    ),
    /**
     * Where signatories' keys live when not in KMS: BSrE's signing API (whole documents, by NIK and
     * passphrase) or a Cloud Signature Consortium API v2 service (hashes). The client secret stays in
     * a Secrets Manager secret made beforehand (its ARN here, never its value); the Sign function may
     * read only that secret. Without it, KMS.
     */
    remoteSigning: z
      .object({
        transport: z.enum(['bsre', 'csc']),
        url: z.url({ protocol: /^https$/ }),
        clientId: z.string().min(1),
        clientSecretArn: z
          .string()
          .regex(/^arn:aws[\w-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[\w/+=.@-]+$/),
      })
      .optional(),
    /** Requests per second the API accepts, and the burst above it. */
    apiRateLimit: z.number().int().positive(),
    apiBurstLimit: z.number().int().positive(),
  })
  .refine((c) => Boolean(c.domainName) === Boolean(c.certificateArn), {
    message: 'domainName and certificateArn go together',
    path: ['certificateArn'],
  });
export type StageConfig = z.infer<typeof StageConfig>;

const OVERRIDABLE = [
  'account',
  'alarmEmail',
  'senderEmail',
  'domainName',
  'certificateArn',
  'webAclArn',
  'regionId',
  'tsaUrls',
] as const;

/** The stage named by `-c stage=…` (dev by default), validated, with command-line overrides applied. */
export function stageFromContext(app: App): StageConfig {
  const stage = String(app.node.tryGetContext('stage') ?? 'dev');
  const stages = (app.node.tryGetContext('stages') ?? {}) as Record<string, unknown>;
  const defined = stages[stage];
  if (!defined) throw new Error(`no stage "${stage}" under "stages" in cdk.json`);
  const overrides = Object.fromEntries(
    OVERRIDABLE.flatMap((key) => {
      const value = app.node.tryGetContext(key);
      return value === undefined ? [] : [[key, value]];
    }),
  );
  const parsed = StageConfig.safeParse({ ...(defined as object), ...overrides, stage });
  if (!parsed.success) throw new Error(`stage "${stage}": ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
