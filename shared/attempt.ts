import { ulid } from 'ulid';
import type { FileStore } from './ports/files.js';

/**
 * Files are written before the record that points at them commits. Each attempt writes under keys
 * of its own (this id is part of them), so two attempts at the same version never share an object:
 * the loser removes only what it wrote, and whatever the committed record points at stays.
 */
export const attemptId = (): string => ulid();

/** Runs `commit`; if it fails, removes the files this attempt wrote, which no record points at. */
export async function committing<T>(
  files: FileStore,
  keys: readonly string[],
  commit: () => Promise<T>,
): Promise<T> {
  try {
    return await commit();
  } catch (error) {
    await files.remove([...keys]);
    throw error;
  }
}
