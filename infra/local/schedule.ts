/** The embedded stack's stand-in for the EventBridge rule: the daily job at 18:00 UTC (01:00 WIB). */
const HOUR_UTC = 18;
const DAY_MS = 86_400_000;

export function msUntilNextRun(now: Date): number {
  const next = new Date(now);
  next.setUTCHours(HOUR_UTC, 0, 0, 0);
  if (next <= now) next.setTime(next.getTime() + DAY_MS);
  return next.getTime() - now.getTime();
}

/** Runs `job` once now (catching up on a machine that was off) and then every day; returns a stop. */
export function scheduleDaily(job: () => Promise<unknown>): () => void {
  let timer: NodeJS.Timeout | undefined;
  const run = async () => {
    try {
      console.log('daily job:', JSON.stringify(await job()));
    } catch (error) {
      console.error('daily job failed:', error);
    }
  };
  const arm = () => {
    timer = setTimeout(async () => {
      await run();
      arm();
    }, msUntilNextRun(new Date()));
    timer.unref();
  };
  void run();
  arm();
  return () => clearTimeout(timer);
}
