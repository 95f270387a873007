import type { StagedWrite } from '../../ports/admin-log.js';
import type { Write } from './table.js';

/** A table write handed to the core as a StagedWrite, committed later with the change's event. */
export const stage = (write: Write): StagedWrite => write as unknown as StagedWrite;

/** The table write a StagedWrite carries: only adapters over the table make and read them. */
export const unstage = (staged: StagedWrite): Write => staged as unknown as Write;
