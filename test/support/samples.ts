import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The contract's sample forms, read from the team folder beside the repository. */
const SAMPLES_DIR = fileURLToPath(new URL('../../../shared/contract/samples/', import.meta.url));

export type SampleName = 'mou' | 'pks' | 'loi';

const FILES: Record<SampleName, string> = {
  mou: 'mou-ksdpl-jateng-queensland.json',
  pks: 'pks-ksdpk-banten-disdik.json',
  loi: 'loi-ksdll-kukar-jica.json',
};

/** A fresh, mutable copy of a sample form each call. */
// biome-ignore lint/suspicious/noExplicitAny: tests edit samples freely to make them invalid
export function sample(name: SampleName): any {
  return JSON.parse(readFileSync(`${SAMPLES_DIR}${FILES[name]}`, 'utf8'));
}
