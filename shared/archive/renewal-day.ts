/**
 * The day the daily job renews a copy's document timestamp: `marginDays` before its authority's
 * certificate expires, so that a TSA that is down for a while still leaves days to try again.
 */
export function renewalDay(timestampValidUntil: string, marginDays: number): string {
  return new Date(Date.parse(timestampValidUntil) - marginDays * 86_400_000).toISOString().slice(0, 10);
}
