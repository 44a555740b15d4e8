import { Logger } from '@nestjs/common';
import Database from 'better-sqlite3';
import { existsSync, renameSync } from 'node:fs';
import { isDamagedDatabaseError, quickCheckProblems } from '../event-store/sqlite/storage-faults';

export interface Snapshot {
  name: string;
  version: number;
  /** Global position of the last event folded into the state; -1 before the first. */
  checkpoint: number;
  state: string;
}

/**
 * Read-model snapshots beside their checkpoints, in one SQLite file of the data directory (whichever
 * event store holds the log). Several snapshots are saved in one transaction: state and checkpoint
 * never disagree, so a restart resumes exactly where the saved state ends.
 */
export class SnapshotStore {
  private readonly db: Database.Database;
  private readonly saveMany: (snapshots: Snapshot[]) => void;

  constructor(file: string) {
    this.db = openOrSetAsideDamaged(file);
    const upsert = this.db.prepare(
      `INSERT INTO projection_snapshots (name, version, checkpoint, state, saved_at)
       VALUES (@name, @version, @checkpoint, @state, @savedAt)
       ON CONFLICT (name) DO UPDATE SET version = @version, checkpoint = @checkpoint, state = @state, saved_at = @savedAt`,
    );
    this.saveMany = this.db.transaction((snapshots: Snapshot[]) => {
      const savedAt = new Date().toISOString();
      for (const snapshot of snapshots) upsert.run({ ...snapshot, savedAt });
    });
  }

  load(name: string): Snapshot | undefined {
    return this.db
      .prepare<[string], Snapshot>('SELECT name, version, checkpoint, state FROM projection_snapshots WHERE name = ?')
      .get(name);
  }

  /** The log these snapshots were folded from: positions mean something only in their own log. */
  builtFrom(): string | undefined {
    return this.db.prepare<[], { log: string }>('SELECT log FROM snapshot_log WHERE id = 1').get()?.log;
  }

  markBuiltFrom(log: string): void {
    this.db.prepare('INSERT INTO snapshot_log (id, log) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET log = excluded.log').run(log);
  }

  /** Snapshots of another log are worthless here: they go, and the new log is noted, in one transaction. */
  startOver(log: string): void {
    this.db.transaction(() => {
      this.db.exec('DELETE FROM projection_snapshots');
      this.markBuiltFrom(log);
    })();
  }

  save(snapshots: Snapshot[]): void {
    if (snapshots.length > 0) this.saveMany(snapshots);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

class DamagedSnapshotsError extends Error {}

const open = (file: string): Database.Database => {
  const db = new Database(file);
  try {
    const problems = quickCheckProblems(db.pragma('quick_check'));
    if (problems) throw new DamagedSnapshotsError(`quick_check: ${problems}`);
    db.pragma('journal_mode = WAL');
    db.exec(`CREATE TABLE IF NOT EXISTS projection_snapshots (
      name TEXT PRIMARY KEY, version INTEGER NOT NULL, checkpoint INTEGER NOT NULL, state TEXT NOT NULL, saved_at TEXT NOT NULL
    )`);
    db.exec('CREATE TABLE IF NOT EXISTS snapshot_log (id INTEGER PRIMARY KEY CHECK (id = 1), log TEXT NOT NULL)');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
};

/**
 * Snapshots are disposable (every read model is rebuilt from the log), so a damaged file never stops a
 * start: it is kept aside for a post-mortem and the read models are rebuilt into a fresh one.
 */
const openOrSetAsideDamaged = (file: string): Database.Database => {
  try {
    return open(file);
  } catch (error) {
    if (!(error instanceof DamagedSnapshotsError) && !isDamagedDatabaseError(error)) throw error;
    const aside = `${file}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    // Its write-ahead log and index belong to the damaged file: beside a fresh one SQLite would replay them into it.
    for (const suffix of ['', '-wal', '-shm']) if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
    new Logger('SnapshotStore').warn(`${file} is damaged (${(error as Error).message}): moved to ${aside}; rebuilding every read model from the log`);
    return open(file);
  }
};
