import { UnavailableError } from '../../errors.js';

/** Runs an SDK call; anything it throws that is not handled by the caller means the service failed. */
export async function calling<T>(dependency: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw unavailable(dependency, error);
  }
}

export const unavailable = (dependency: string, error: unknown) =>
  new UnavailableError(dependency, { cause: error });

/** The reasons a TransactWriteItems was cancelled, one per item ('None' for items that passed). */
export function cancellationCodes(error: unknown): string[] | undefined {
  if (
    typeof error !== 'object' ||
    error === null ||
    (error as { name?: string }).name !== 'TransactionCanceledException'
  ) {
    return undefined;
  }
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  return reasons.map((r) => r.Code ?? 'None');
}
