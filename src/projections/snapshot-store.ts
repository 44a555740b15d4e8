import Database from 'better-sqlite3';

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
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS projection_snapshots (
      name TEXT PRIMARY KEY, version INTEGER NOT NULL, checkpoint INTEGER NOT NULL, state TEXT NOT NULL, saved_at TEXT NOT NULL
    )`);
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

  save(snapshots: Snapshot[]): void {
    if (snapshots.length > 0) this.saveMany(snapshots);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
