import Database from 'better-sqlite3';
import { join } from 'node:path';

export class DataDirInUseError extends Error {
  constructor(dataDir: string, lockFile: string, holder: Holder | undefined) {
    const who = holder ? `pid ${holder.pid}, started ${holder.started_at}` : 'it is starting';
    super(
      `refusing to start: DATA_DIR ${dataDir} is already served by another API server (${who}; it holds ${lockFile}). Two servers on one directory would overwrite each other's read-model snapshots: stop that one first, or give this one its own DATA_DIR (docs/operations.md)`,
    );
    this.name = 'DataDirInUseError';
  }
}

interface Holder {
  pid: number;
  started_at: string;
}

const isBusy = (error: unknown): boolean => (error as { code?: string }).code === 'SQLITE_BUSY';

/**
 * One API server per DATA_DIR, held as SQLite's own lock on DATA_DIR/server.lock by a write transaction
 * left open for the life of the process. The kernel drops that lock when the process ends, however it
 * ends, so a crashed server leaves nothing that blocks the next start; the pid in the file is only a
 * record, for the message. The command-line tools do not take it: they only append to the log.
 */
export const holdServerLock = (dataDir: string): { release: () => void } => {
  const lockFile = join(dataDir, 'server.lock');
  // No busy timeout: a held lock is an answer, not something to wait out.
  const db = new Database(lockFile, { timeout: 0 });
  try {
    db.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER NOT NULL, started_at TEXT NOT NULL)');
    recordHolder(db);
    // Between the commit above and this, another server may have taken it: then this one gives way.
    db.exec('BEGIN IMMEDIATE');
  } catch (error) {
    const refusal = isBusy(error) ? new DataDirInUseError(dataDir, lockFile, currentHolder(db)) : error;
    db.close();
    throw refusal;
  }
  return { release: () => db.close() };
};

/** Writes this process as the holder; readers see it once committed, and may read it while the lock is held. */
const recordHolder = (db: Database.Database): void => {
  db.exec('BEGIN IMMEDIATE');
  db.prepare('DELETE FROM holder').run();
  db.prepare('INSERT INTO holder (pid, started_at) VALUES (?, ?)').run(process.pid, new Date().toISOString());
  db.exec('COMMIT');
};

const currentHolder = (db: Database.Database): Holder | undefined => {
  try {
    return db.prepare<[], Holder>('SELECT pid, started_at FROM holder').get();
  } catch {
    // The holder is writing its record at this very moment: there is nobody to name yet.
    return undefined;
  }
};
