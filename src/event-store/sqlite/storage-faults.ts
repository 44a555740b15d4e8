import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type StorageFaultReason = 'disk-full' | 'io-error';

/**
 * A write the disk refused (full, or failing): nothing of it was recorded, reads still work, and the
 * same write may succeed once the operator has freed space. Answered as 503, never as a bug's 500.
 */
export class StoreUnavailableError extends Error {
  constructor(
    readonly reason: StorageFaultReason,
    message: string,
  ) {
    super(message);
    this.name = 'StoreUnavailableError';
  }
}

// By code, not class: jest gives every test file its own copy of better-sqlite3's SqliteError.
const sqliteCode = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
};

/** The disk's fault rather than the data's or the code's: worth a retry once the disk is fixed. */
export const storageFaultReason = (error: unknown): StorageFaultReason | undefined => {
  const code = sqliteCode(error);
  if (code === 'SQLITE_FULL') return 'disk-full';
  if (code?.startsWith('SQLITE_IOERR')) return 'io-error';
  return undefined;
};

/** The file is not (or no longer) a sound SQLite database: garbage, truncated or with damaged pages. */
export const isDamagedDatabaseError = (error: unknown): boolean => {
  const code = sqliteCode(error);
  return code === 'SQLITE_NOTADB' || code?.startsWith('SQLITE_CORRUPT') === true;
};

export const describeStorageFault = (reason: StorageFaultReason, error: Error): string =>
  `${reason === 'disk-full' ? 'the disk is full' : 'the disk failed to write'} (${sqliteCode(error)}: ${error.message})`;

/** PRAGMA quick_check answers one row "ok", or up to 100 rows naming what is damaged. */
export const quickCheckProblems = (pragmaResult: unknown): string | undefined => {
  const messages = (pragmaResult as { quick_check: string }[]).map((row) => row.quick_check);
  return messages.length === 1 && messages[0] === 'ok' ? undefined : messages.slice(0, 3).join('; ');
};

/** Large enough to need fresh blocks on a full disk; removed at once. */
const PROBE_BYTES = 64 * 1024;

/**
 * Whether the directory accepts writes again. SQLite has no way to ask for free space short of writing to
 * the log itself, so this writes (and removes) a plain file beside it; undefined means it did.
 */
export const writeProbeFailure = (directory: string): string | undefined => {
  const probe = join(directory, `.write-probe-${process.pid}`);
  try {
    writeFileSync(probe, Buffer.alloc(PROBE_BYTES));
    return undefined;
  } catch (error) {
    return (error as Error).message;
  } finally {
    rmSync(probe, { force: true });
  }
};
