import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { isDamagedDatabaseError, quickCheckProblems } from './storage-faults';

/**
 * An existing events.sqlite that is empty, damaged or without its table would otherwise be opened as a
 * healthy empty store: the API would serve no editions and accept writes on top of a lost log.
 */
export class DamagedEventLogError extends Error {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(
      `refusing to open the event log ${file}: it ${problem}. It is not served as an empty store: restore it from a backup or an archive, or move it aside to start a new, empty store (docs/operations.md)`,
    );
    this.name = 'DamagedEventLogError';
  }
}

/** No file yet is a new store, created on open; any file that is there must already be an event log. */
export const isExistingLog = (file: string): boolean => file !== ':memory:' && existsSync(file);

/** Checked before SQLite opens it: SQLite takes a zero-length file for a new, empty database. */
export const refuseEmptyLog = (file: string): void => {
  if (statSync(file).size === 0) throw new DamagedEventLogError(file, 'is empty (0 bytes)');
};

/** Reads every page once (about 0.1 s for the seeded 90 MB log) and looks for the events table. */
export const refuseDamagedLog = (db: Database.Database, file: string): void => {
  const problem = damageOf(db);
  if (problem) throw new DamagedEventLogError(file, problem);
};

const damageOf = (db: Database.Database): string | undefined => {
  try {
    const problems = quickCheckProblems(db.pragma('quick_check'));
    if (problems) return `fails SQLite's quick_check (${problems})`;
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events'").get();
    return table ? undefined : 'has no events table (dropped, or not an event log of this application)';
  } catch (error) {
    if (isDamagedDatabaseError(error)) return `is damaged (SQLite says: ${(error as Error).message})`;
    throw error;
  }
};
