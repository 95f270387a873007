import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Runs code in a fresh Node process and returns what it sets as `result`, with how much the
 * process's peak resident memory grew while `run` ran (MB) and how long it took. A process of its
 * own, so that what the test process already holds does not blur the figure. `setup` (imports,
 * preparation) runs before the measurement; both see the bytes of `input` as `bytes`. Asynchronous, so
 * that the test worker keeps answering vitest while the child works (its RPC gives up after 60 s).
 */
export async function inChild(
  input: Uint8Array,
  code: { setup: string; run: string },
): Promise<{ result: unknown; peakGrowthMb: number; ms: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'child-'));
  try {
    writeFileSync(join(dir, 'input.bin'), input);
    const script = join(dir, 'run.mts');
    writeFileSync(
      script,
      `import { readFileSync } from 'node:fs';
const bytes = new Uint8Array(readFileSync(${JSON.stringify(join(dir, 'input.bin'))}));
let result;
${code.setup}
const before = process.resourceUsage().maxRSS;
const started = performance.now();
${code.run}
const ms = performance.now() - started;
const peakGrowthMb = (process.resourceUsage().maxRSS - before) / 1024;
console.log(JSON.stringify({ result, peakGrowthMb, ms }));
`,
    );
    const { stdout: out } = await run(process.execPath, ['--import', 'tsx', script], {
      cwd: process.cwd(),
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    });
    return JSON.parse(out.trim().split('\n').at(-1) as string);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
