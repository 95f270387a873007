import S3Error from 's3rver/lib/models/error.js';
import * as z from 'zod';

/**
 * A browser-based upload's policy (S3's POST Object with a SigV4-signed policy document), checked
 * as S3 checks it: https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTConstructPolicy.html
 */
const Condition = z.union([
  z.record(z.string(), z.string()).refine((c) => Object.keys(c).length === 1, 'one field per condition'),
  z.tuple([z.enum(['eq', 'starts-with']), z.string().startsWith('$'), z.string()]),
  z.tuple([z.literal('content-length-range'), z.number().int().min(0), z.number().int().min(0)]),
]);

const PolicyDocument = z.object({
  expiration: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'an ISO 8601 date'),
  conditions: z.array(Condition),
});

export type PolicyDocument = z.infer<typeof PolicyDocument>;

/** Form fields that no condition needs to name. */
const EXEMPT = /^(x-amz-signature|file|policy|x-ignore-.*)$/;

/** The policy document a `policy` form field carries, base64-encoded JSON. */
export function decodePolicy(policy: string): PolicyDocument {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(policy) || policy.length % 4 !== 0)
    throw new S3Error('InvalidPolicyDocument', 'Invalid Policy: Invalid Base64');
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(policy, 'base64').toString('utf8'));
  } catch {
    throw new S3Error('InvalidPolicyDocument', 'Invalid Policy: Invalid JSON.');
  }
  const parsed = PolicyDocument.safeParse(json);
  if (!parsed.success)
    throw new S3Error('InvalidPolicyDocument', `Invalid Policy: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export interface PostForm {
  /** The bucket of the URL posted to: what `$bucket` conditions are checked against. */
  bucket: string;
  /** The fields before the file, names lower-cased (S3 matches them regardless of case). */
  fields: ReadonlyMap<string, string>;
}

/** The file sizes the policy allows, inclusive. */
export interface SizeRange {
  min: number;
  max: number;
}

/** `{ "key": "a" }` is short for `["eq", "$key", "a"]`. */
function shorthand(condition: Record<string, string>): ['eq', string, string] {
  const [name, value] = Object.entries(condition)[0] as [string, string];
  return ['eq', `$${name}`, value];
}

const denied = (why: string) => new S3Error('AccessDenied', `Invalid according to Policy: ${why}`);

/**
 * Checks the policy's expiration and every condition against the form, and that every field is
 * named by a condition. Returns the file sizes allowed, `max` capped at `maxBytes`.
 */
export function checkPolicy(policy: PolicyDocument, form: PostForm, now: Date, maxBytes: number): SizeRange {
  if (Date.parse(policy.expiration) < now.getTime()) throw denied('Policy expired.');
  const named = new Set<string>();
  const range: SizeRange = { min: 0, max: maxBytes };
  const fieldValue = (field: string) => (field === 'bucket' ? form.bucket : form.fields.get(field));
  for (const condition of policy.conditions) {
    if (Array.isArray(condition) && condition[0] === 'content-length-range') {
      const [, min, max] = condition;
      if (min > max)
        throw new S3Error('InvalidPolicyDocument', 'Invalid Policy: content-length-range min > max');
      range.min = Math.max(range.min, min);
      range.max = Math.min(range.max, max);
      continue;
    }
    const [op, ref, expected] = Array.isArray(condition) ? condition : shorthand(condition);
    const field = ref.slice(1).toLowerCase();
    named.add(field);
    const actual = fieldValue(field);
    const holds = actual !== undefined && (op === 'eq' ? actual === expected : actual.startsWith(expected));
    if (!holds) throw denied(`Policy Condition failed: ${JSON.stringify(condition)}`);
  }
  const extra = [...form.fields.keys()].filter((name) => !EXEMPT.test(name) && !named.has(name));
  if (extra.length) throw denied(`Extra input fields: ${extra.join(', ')}`);
  return range;
}
