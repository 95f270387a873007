import * as z from 'zod';
import { ConflictError, ForbiddenError, ValidationError } from '../../errors.js';
import { say } from '../../form/messages.js';
import type { Identity } from '../../identity/identity.js';
import type { DocumentSigner, DocumentSignRequest } from '../../ports/signing.js';
import { assertClientAccepted, basicAuth, postJson, type ServiceCall, unavailable } from './json-service.js';

/** BSrE's answer to a wrong passphrase (`{ status_code: 2031, error: "Passphrase anda salah" }`). */
export const BSRE_WRONG_PASSPHRASE = 2031;

export interface BsreSettings {
  /** The Esign Client Service's base URL (without /api/v2). */
  url: string;
  clientId: string;
  clientSecret: string;
  timeoutMs: number;
  /** The NIK the user signs with at BSrE, as an admin set it; undefined when none is set. */
  nikOf(user: Identity): Promise<string | undefined>;
}

const signedSchema = z.object({ file: z.array(z.string().min(1)).min(1) });
const errorSchema = z.object({
  status_code: z.union([z.number(), z.string()]).optional(),
  error: z.string().optional(),
  message: z.string().optional(),
});
const statusSchema = z.object({ status: z.string().optional(), message: z.string().optional() });

/** A base64 string that decodes to a PDF, or undefined. */
function pdfOf(base64: string): Uint8Array | undefined {
  const bytes = Buffer.from(base64, 'base64');
  return bytes.subarray(0, 5).toString('latin1') === '%PDF-' ? new Uint8Array(bytes) : undefined;
}

/**
 * BSrE's (BSSN) Esign Client Service, API v2: `POST /api/v2/sign/pdf` with the signer's NIK and
 * passphrase and the PDF (base64) signs the whole document at BSrE, which returns it signed. The
 * client authenticates with HTTP basic (client id and secret). Its refusals are mapped to what the
 * signer can act on: a wrong passphrase is a 400 naming `passphrase`; a NIK without an active
 * certificate (asked of `POST /api/v2/user/check/status`) a 409; our credentials refused, no answer, a
 * server error or an answer without a PDF a 503.
 */
export class BsreDocumentSigner implements DocumentSigner {
  private readonly call: ServiceCall;

  constructor(private readonly settings: BsreSettings) {
    this.call = {
      service: 'BSrE',
      timeoutMs: settings.timeoutMs,
      headers: basicAuth(settings.clientId, settings.clientSecret),
    };
  }

  private endpoint(path: string): string {
    return `${this.settings.url.replace(/\/+$/, '')}/api/v2/${path}`;
  }

  async signDocument(pdf: Uint8Array, request: DocumentSignRequest): Promise<Uint8Array> {
    const nik = await this.settings.nikOf(request.user);
    if (!nik) {
      throw new ForbiddenError(
        say(
          'Belum ada NIK untuk tanda tangan BSrE pengguna ini; minta admin mengisinya',
          'No NIK is set for this user to sign with BSrE; ask an admin to set it',
        ),
      );
    }
    const answer = await postJson(
      this.endpoint('sign/pdf'),
      {
        nik,
        passphrase: request.passphrase,
        // Our visible block is already in the page (the same for every transport): BSrE adds the signature.
        signatureProperties: [{ tampilan: 'INVISIBLE', location: request.location, reason: request.reason }],
        file: [Buffer.from(pdf).toString('base64')],
      },
      this.call,
    );
    if (answer.status >= 200 && answer.status < 300) {
      const signed = signedSchema.safeParse(answer.body);
      const file = signed.success ? pdfOf(signed.data.file[0] as string) : undefined;
      if (!file) throw unavailable('BSrE', 'tidak mengembalikan PDF', 'returned no PDF');
      return file;
    }
    const refusal = errorSchema.safeParse(answer.body);
    const code = refusal.success ? Number(refusal.data.status_code) : Number.NaN;
    const said = refusal.success ? (refusal.data.error ?? refusal.data.message ?? '') : '';
    if (code === BSRE_WRONG_PASSPHRASE) {
      throw new ValidationError([
        {
          path: 'passphrase',
          message: say(
            `passphrase salah (BSrE: ${said}); tidak ada yang ditandatangani`,
            `the passphrase is wrong (BSrE: ${said}); nothing was signed`,
          ),
        },
      ]);
    }
    assertClientAccepted(answer, 'BSrE');
    throw await this.refusal(nik, code, said);
  }

  /** Why BSrE refused, when it was not the passphrase: first whether the NIK holds an active certificate. */
  private async refusal(nik: string, code: number, said: string): Promise<ConflictError> {
    const answer = await postJson(this.endpoint('user/check/status'), { nik }, this.call);
    assertClientAccepted(answer, 'BSrE');
    const status = statusSchema.safeParse(answer.body);
    const state = status.success ? status.data.status : undefined;
    if (state !== 'ISSUE') {
      const detail = [state, status.success ? status.data.message : undefined].filter(Boolean).join(': ');
      return new ConflictError(
        say(
          `NIK ${nik} tidak memiliki sertifikat aktif di BSrE (${detail || 'tanpa status'}); hubungi petugas pendaftaran BSrE`,
          `NIK ${nik} holds no active certificate at BSrE (${detail || 'no status'}); ask BSrE's registration officer`,
        ),
        { nik, status: state },
      );
    }
    return new ConflictError(
      say(`BSrE menolak menandatangani: ${said} (${code})`, `BSrE refused to sign: ${said} (${code})`),
      { statusCode: code },
    );
  }
}
