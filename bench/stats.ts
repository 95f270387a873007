/** Median and p99 of a list of durations in milliseconds. */
export function summarise(samples: number[]): { median: number; p99: number; n: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
  return { median: at(0.5), p99: at(0.99), n: sorted.length };
}

export async function time(runs: number, warmup: number, fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return samples;
}

export function report(name: string, samples: number[], target?: string): void {
  const s = summarise(samples);
  console.log(
    `${name.padEnd(44)} median ${s.median.toFixed(1).padStart(7)} ms   p99 ${s.p99.toFixed(1).padStart(7)} ms   n=${s.n}${target ? `   target ${target}` : ''}`,
  );
}

/**
 * The previous and the current implementation of one step, run alternately (so that a busy machine
 * weighs on both alike), each reported, then the ratio of their medians.
 */
export async function compare(
  name: string,
  runs: number,
  previous: () => Promise<unknown>,
  current: () => Promise<unknown>,
): Promise<{ previous: number; current: number; ratio: number }> {
  for (let i = 0; i < Math.max(3, runs / 10); i++) {
    await previous();
    await current();
  }
  const before: number[] = [];
  const after: number[] = [];
  for (let i = 0; i < runs; i++) {
    for (const [fn, samples] of i % 2
      ? [[current, after] as const, [previous, before] as const]
      : [[previous, before] as const, [current, after] as const]) {
      const start = performance.now();
      await fn();
      samples.push(performance.now() - start);
    }
  }
  report(`${name} (previous)`, before);
  report(`${name} (now)`, after);
  const ratio = summarise(after).median / summarise(before).median;
  console.log(`${`${name}: now / previous`.padEnd(44)} ${ratio.toFixed(2)}`);
  return { previous: summarise(before).median, current: summarise(after).median, ratio };
}
