import type { z } from 'zod';
import type { Issue } from '../errors.js';

/** A bilingual message, carried on a zod issue's `params` so it survives to the API response. */
export interface Bilingual {
  id: string;
  en: string;
}

export const say = (id: string, en: string): Bilingual => ({ id, en });

/** `parties[1].signatory.name`: the path a clerk reads in the error list. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => {
    if (typeof key === 'number') return `${acc}[${key}]`;
    return acc ? `${acc}.${String(key)}` : String(key);
  }, '');
}

function isBilingual(value: unknown): value is Bilingual {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Bilingual).id === 'string' &&
    typeof (value as Bilingual).en === 'string'
  );
}

function sizeMessage(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig, small: boolean): Bilingual {
  const n = Number('minimum' in issue ? issue.minimum : issue.maximum);
  switch (issue.origin) {
    case 'string':
      return small
        ? n <= 1
          ? say('wajib diisi', 'is required')
          : say(`minimal ${n} karakter`, `must have at least ${n} characters`)
        : say(`terlalu panjang: paling banyak ${n} karakter`, `is too long: at most ${n} characters`);
    case 'array':
      return small
        ? say(`harus berisi paling sedikit ${n} butir`, `must have at least ${n} item(s)`)
        : say(`paling banyak ${n} butir`, `must have at most ${n} items`);
    default:
      return small
        ? say(`paling kecil ${n}`, `must be at least ${n}`)
        : say(`paling besar ${n}`, `must be at most ${n}`);
  }
}

const TYPE_NAMES: Record<string, Bilingual> = {
  string: say('teks', 'text'),
  number: say('angka', 'a number'),
  int: say('bilangan bulat', 'a whole number'),
  array: say('daftar', 'a list'),
  object: say('objek', 'an object'),
  boolean: say('benar/salah', 'true or false'),
};

/** Turns one zod issue into a message a clerk can act on, in Indonesian and English. */
export function describe(issue: z.core.$ZodIssue): Bilingual {
  const params = (issue as { params?: unknown }).params;
  if (isBilingual(params)) return params;
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return say('wajib diisi', 'is required');
      const t = TYPE_NAMES[issue.expected] ?? say(issue.expected, issue.expected);
      return say(`harus berupa ${t.id}`, `must be ${t.en}`);
    }
    case 'too_small':
      return sizeMessage(issue, true);
    case 'too_big':
      return sizeMessage(issue, false);
    case 'invalid_value': {
      const options = issue.values.map((v) => JSON.stringify(v)).join(', ');
      return say(`harus salah satu dari: ${options}`, `must be one of: ${options}`);
    }
    case 'invalid_format':
      return issue.format === 'email'
        ? say('harus alamat email yang sah', 'must be a valid email address')
        : say(`format tidak sah (${issue.format})`, `has an invalid format (${issue.format})`);
    case 'not_multiple_of':
      return say('harus bilangan bulat', 'must be a whole number');
    case 'invalid_union': {
      // A discriminated union's tag that none of its shapes has: name the value and the choices.
      const noMatch = issue as {
        note?: string;
        discriminator?: string;
        options?: unknown[];
        input?: unknown;
      };
      if (noMatch.note !== 'No matching discriminator' || !noMatch.discriminator) return invalid(issue);
      const tag = (noMatch.input as Record<string, unknown> | undefined)?.[noMatch.discriminator];
      const options = (noMatch.options ?? []).map(String).join(', ');
      return say(
        `tidak dikenal: ${JSON.stringify(tag) ?? 'kosong'}; pilih salah satu dari: ${options}`,
        `unknown: ${JSON.stringify(tag) ?? 'missing'}; choose one of: ${options}`,
      );
    }
    case 'unrecognized_keys':
      return say(`kunci tidak dikenal: ${issue.keys.join(', ')}`, `unknown keys: ${issue.keys.join(', ')}`);
    default:
      return invalid(issue);
  }
}

const invalid = (issue: z.core.$ZodIssue) =>
  say(`tidak sah: ${issue.message}`, `is invalid: ${issue.message}`);

export function toIssues(error: z.ZodError): Issue[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: describe(issue) }));
}
