import { IncomingRead } from '../timing/record-reads';
import { SeedRunner } from './race-field';
import { TimingFeedParameters } from './seed-facts';
import { SeededRandom } from './seeded-random';
import { tenthsBetween } from './stated-times';

/** Reads as the timing crew sends them: one batch, one call of the timing command. */
export interface SeedReadBatch {
  /** When the batch was sent: the business time of what it records. */
  sentAt: string;
  /** Reads of runners named in the article travel in batches of their own, so their events say so. */
  fromArticle: boolean;
  reads: IncomingRead[];
}

export interface SentRead {
  read: IncomingRead;
  arrivesMs: number;
  fromArticle: boolean;
}

/** What the feed needs of an entry, a runner or a relay team (whose sash is read like a chip). */
export type TimedEntry = Pick<SeedRunner, 'fromArticle' | 'crossings'> & { registration: Pick<SeedRunner['registration'], 'raceId' | 'bib' | 'chipId'> };

/** The backup box's upload takes this long after its interval ends, so it never beats the main mat's live read. */
const BACKUP_UPLOAD_S: [number, number] = [10, 20];

/**
 * The reads of one race's crossings (a runner's chip or a team's sash): the main mat reads most crossings live; a backup mat a little
 * further on reads some again (and every one the main mat missed) and uploads its buffer every few
 * minutes; a few main-mat reads are sent twice. Only the first read of a crossing counts: the rest are
 * duplicates, by read id or by being the same crossing seconds later.
 */
export const readsOfRace = (runners: TimedEntry[], timing: TimingFeedParameters, random: SeededRandom): SentRead[] => {
  const uploadEveryMs = timing.backupUploadEveryS * 1000;
  return runners.flatMap(({ registration, crossings, fromArticle }) =>
    crossings.flatMap((crossing): SentRead[] => {
      const at = Date.parse(crossing.time);
      const mat = `${registration.raceId}/${crossing.pointId}@${crossing.lap}`;
      const readAt = (id: string, ms: number): IncomingRead => ({
        readId: `${mat}/${id}/${registration.bib}`,
        chipId: registration.chipId,
        pointId: crossing.pointId,
        lap: crossing.lap,
        time: new Date(ms).toISOString(),
      });
      // An article runner's official time must be the crossing itself, so their main-mat read is never missed.
      const main = fromArticle || random.chance(timing.primaryReadRate);
      const backup = !main || random.chance(timing.backupReadRate);
      const sent: SentRead[] = [];
      if (main) {
        const arrivesMs = at + tenthsBetween(random, ...timing.primaryDelayS);
        const read = readAt('A', at);
        sent.push({ read, arrivesMs, fromArticle });
        if (random.chance(timing.resendRate)) {
          // A resend is a message of its own, equal to the first: the timing command reports on each object it is sent.
          sent.push({ read: { ...read }, arrivesMs: arrivesMs + tenthsBetween(random, ...timing.resendDelayS), fromArticle });
        }
      }
      if (backup) {
        const backupAt = at + tenthsBetween(random, ...timing.backupOffsetS);
        const uploadMs = Math.ceil(backupAt / uploadEveryMs) * uploadEveryMs + tenthsBetween(random, ...BACKUP_UPLOAD_S);
        sent.push({ read: readAt('B', backupAt), arrivesMs: uploadMs, fromArticle });
      }
      return sent;
    }),
  );
};

/**
 * Every read of the day in the order it reaches the system, in batches of the crew's size, each split
 * into the reads of article runners and of synthetic ones.
 */
export const batchesOf = (reads: SentRead[], batchSize: number): SeedReadBatch[] => {
  const inArrivalOrder = [...reads].sort((a, b) => a.arrivesMs - b.arrivesMs || a.read.readId.localeCompare(b.read.readId));
  const batches: SeedReadBatch[] = [];
  for (let start = 0; start < inArrivalOrder.length; start += batchSize) {
    const chunk = inArrivalOrder.slice(start, start + batchSize);
    const sentAt = new Date(chunk[chunk.length - 1]!.arrivesMs).toISOString();
    for (const fromArticle of [true, false]) {
      const reads = chunk.filter((sent) => sent.fromArticle === fromArticle).map((sent) => sent.read);
      if (reads.length > 0) batches.push({ sentAt, fromArticle, reads });
    }
  }
  return batches;
};

/**
 * The last read that records a crossing, in the order the timing command handles them (batch by batch,
 * each in time order): once it is in the store, so is every crossing of the day.
 */
export const finalCountedRead = (batches: SeedReadBatch[]): IncomingRead => {
  const counted = new Set<string>();
  let last: IncomingRead | undefined;
  for (const batch of batches) {
    for (const read of [...batch.reads].sort((a, b) => a.time.localeCompare(b.time))) {
      const crossing = `${read.chipId}|${read.pointId}@${read.lap}`;
      if (!counted.has(crossing)) {
        counted.add(crossing);
        last = read;
      }
    }
  }
  if (!last) throw new Error('the timing feed has no reads');
  return last;
};
