import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDF } from '@libpdf/core';
import * as z from 'zod';
import { NIK } from '../../admin/user.js';
import type { Role } from '../../identity/identity.js';
import { ROLES } from '../../identity/identity.js';
import type { TimestampAuthority } from '../../ports/timestamps.js';
import { BSRE_WRONG_PASSPHRASE } from '../remote/bsre-document-signer.js';
import type { LocalSigningKeys } from './local-signing-keys.js';

/** The simulator's own codes: BSrE's others are not public. */
const NOT_REGISTERED = 2021;
const BAD_REQUEST = 2000;

/** A person the simulated BSrE issued a certificate to. The passphrase is kept only as its scrypt hash. */
const personSchema = z.object({
  nik: z.string().regex(NIK),
  /** The user whose local-CA certificate signs for this NIK. */
  userId: z.string().min(1),
  username: z.string().min(1),
  name: z.string().min(1),
  email: z.email(),
  role: z.enum(ROLES),
  /** `scrypt$<salt base64>$<hash base64>`. */
  passphrase: z.string().startsWith('scrypt$'),
});
type Person = z.infer<typeof personSchema>;

export interface Enrolment {
  nik: string;
  user: { id: string; username: string; name: string; email: string; role: Role };
  passphrase: string;
}

const hashPassphrase = (passphrase: string) => {
  const salt = randomBytes(16);
  return `scrypt$${salt.toString('base64')}$${scryptSync(passphrase, salt, 32).toString('base64')}`;
};

function passphraseMatches(passphrase: string, stored: string): boolean {
  const [, salt = '', hash = ''] = stored.split('$');
  const expected = Buffer.from(hash, 'base64');
  const actual = scryptSync(passphrase, Buffer.from(salt, 'base64'), expected.length || 32);
  return expected.length > 0 && timingSafeEqual(actual, expected);
}

const signSchema = z.object({
  nik: z.string(),
  passphrase: z.string(),
  signatureProperties: z
    .array(
      z.object({
        tampilan: z.enum(['VISIBLE', 'INVISIBLE']),
        reason: z.string().optional(),
        location: z.string().optional(),
      }),
    )
    .min(1),
  file: z.array(z.string().min(1)).min(1).max(10),
});

export interface SimulatorAnswer {
  status: number;
  body: unknown;
}

const refusal = (status: number, code: number, error: string): SimulatorAnswer => ({
  status,
  body: { status_code: code, error },
});

/**
 * A BSrE-compatible signing service for the embedded stack (Esign Client Service API v2): a registry of
 * NIK → person and passphrase (scrypt hashes in `<dir>/registry.json`), and `sign/pdf`, which signs
 * each PDF as PAdES B-T with the local CA's certificate of that person, dated by the local TSA, as an
 * incremental update; `user/check/status` says whether a NIK holds a certificate. Invisible
 * signatures only: our visible block is drawn before the PDF is sent. Passphrases are never logged.
 */
export class BsreSimulator {
  private readonly registryFile: string;

  constructor(
    dir: string,
    private readonly keys: LocalSigningKeys,
    private readonly timestamps: () => TimestampAuthority,
  ) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    this.registryFile = join(dir, 'registry.json');
  }

  private registry(): Person[] {
    if (!existsSync(this.registryFile)) return [];
    return z.array(personSchema).parse(JSON.parse(readFileSync(this.registryFile, 'utf8')));
  }

  /** Registers people (a NIK already there keeps its person and passphrase). */
  enrol(enrolments: readonly Enrolment[]): void {
    const people = this.registry();
    for (const { nik, user, passphrase } of enrolments) {
      if (people.some((p) => p.nik === nik)) continue;
      people.push({
        nik,
        userId: user.id,
        username: user.username,
        name: user.name,
        email: user.email,
        role: user.role,
        passphrase: hashPassphrase(passphrase),
      });
    }
    const scratch = `${this.registryFile}.${process.pid}`;
    writeFileSync(scratch, JSON.stringify(people, null, 2), { mode: 0o600 });
    renameSync(scratch, this.registryFile);
  }

  private person(nik: string): Person | undefined {
    return this.registry().find((p) => p.nik === nik);
  }

  /** POST /api/v2/user/check/status { nik } */
  checkStatus(body: unknown): SimulatorAnswer {
    const nik = z.object({ nik: z.string() }).safeParse(body);
    if (!nik.success) return refusal(400, BAD_REQUEST, 'Parameter nik wajib diisi');
    return this.person(nik.data.nik)
      ? { status: 200, body: { status_code: 1111, status: 'ISSUE', message: 'Sertifikat aktif' } }
      : {
          status: 200,
          body: { status_code: 1110, status: 'NOT_REGISTERED', message: 'Pengguna tidak terdaftar' },
        };
  }

  /** POST /api/v2/sign/pdf { nik, passphrase, signatureProperties, file } */
  async sign(body: unknown): Promise<SimulatorAnswer> {
    const request = signSchema.safeParse(body);
    if (!request.success) return refusal(400, BAD_REQUEST, 'Parameter permintaan tidak lengkap');
    const { nik, passphrase, signatureProperties, file } = request.data;
    const person = this.person(nik);
    if (!person) return refusal(400, NOT_REGISTERED, 'Dokumen gagal ditandatangani: NIK tidak terdaftar');
    if (!passphraseMatches(passphrase, person.passphrase)) {
      return refusal(400, BSRE_WRONG_PASSPHRASE, 'Passphrase anda salah');
    }
    if (signatureProperties.some((p) => p.tampilan !== 'INVISIBLE')) {
      return refusal(400, BAD_REQUEST, 'Simulator ini hanya membuat tanda tangan INVISIBLE');
    }
    const signer = await this.keys.signerFor({
      sub: person.userId,
      username: person.username,
      name: person.name,
      email: person.email,
      role: person.role,
    });
    const started = Date.now();
    const signed: string[] = [];
    for (const [index, base64] of file.entries()) {
      const pdf = await PDF.load(Buffer.from(base64, 'base64')).catch(() => undefined);
      if (!pdf) return refusal(400, BAD_REQUEST, `Berkas ke-${index + 1} bukan PDF`);
      const properties = signatureProperties[index] ?? signatureProperties[0];
      const result = await pdf.sign({
        signer,
        fieldName: `bsre-${randomBytes(6).toString('hex')}`,
        ...(properties?.reason ? { reason: properties.reason } : {}),
        ...(properties?.location ? { location: properties.location } : {}),
        subFilter: 'ETSI.CAdES.detached',
        level: 'B-T',
        timestampAuthority: this.timestamps(),
        estimatedSize: 24 * 1024,
      });
      signed.push(Buffer.from(result.bytes).toString('base64'));
    }
    return { status: 200, body: { file: signed, time: Date.now() - started } };
  }
}
