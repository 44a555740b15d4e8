import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IncomingRead, ReadStatus } from '../timing/record-reads';
import { Benchmark, BenchSettings, Comparison, latencySummary, note } from './benchmark';
import { BenchClient } from './http-client';
import { loadSeededDataDir, RunningApp, seedPlan, startApp } from './seeded-app';

/**
 * A live mat's single reads while a timing box uploads its backlog: one client posts batches of 1,000 to
 * 2,000 reads back to back (`POST /editions/almaty-2018/timing/reads`); another, a live start mat, posts
 * one read per request at a steady 50 a second, each when its turn comes whether or not the one before
 * has been answered (a mat reads runners as they cross, not as the server answers), over a pool of 32
 * kept-alive connections opened beforehand, and times each. The baseline is the same live mat with no
 * batch running, in the same run on the same app.
 *
 * Why not one read at a time, each after the last was answered: the batch client also sends its next
 * batch the moment it has its answer, so such a client falls into step with it and every one of its reads
 * waits out a whole batch: the worst case on every sample rather than the spread a real mat sees. Why a
 * pool opened beforehand: a connection opened while batches run waits seconds to be served at all
 * (measured: 0.2 s growing to 3 s within 3 s of batches), which is about connecting, not about a read.
 *
 * All of it is the 7th edition's own seed reads, sent to the edition loaded up to its guns, so the batches
 * record real crossings (with the resends and backup-mat reads that come with them: duplicates). A
 * runner's reads go to one client only: of every 20 runners, one's start-mat read is in the live mat's
 * warm-up, one's in its reads with no batch running, one's in its reads under load; the other 17 runners'
 * reads, all of them in the order they reached the system, are the batches. One read per runner keeps the
 * live mat's reads, several in flight at once behind a batch, from overtaking one another on one runner.
 */
const NAME = 'read during batch';
const EDITION = 'almaty-2018';
const READS_PATH = `/editions/${EDITION}/timing/reads`;
/** A bench-only token for a bench-only app: the app accepts the tokens it is started with. */
const TIMING_TOKEN = 'bench-timing-token';
/** Timed single reads in each phase (with no batch running, then while batches run): 8 s of each. */
const SINGLE_READS = 400;
/** The live mat's pace: a read every 20 ms, 50 a second, a busy finish line. */
const SINGLE_READ_EVERY_MS = 20;
/** Kept-alive connections of the live mat: enough for the reads it sends while one or two batches run. */
const LIVE_MAT_CONNECTIONS = 32;
const WARM_UP_SINGLE_READS = 100;
const BATCH_SIZE = { min: 1_000, max: 2_000 };
/** Bounds the batch loop, whatever happens to the single-read client. */
const MAX_BATCHES = 1_000;
/** Of every 20 runners, one's start read is a warm-up single, one's a timed single with no batch running, one's a timed single under load. */
const RUNNER_GROUPS = 20;
const GROUP = { warmUp: 0, idle: 1, loaded: 2 } as const;

type Summary = Record<ReadStatus, number>;
interface ReadsResponse {
  results: { readId: string; status: ReadStatus; reason?: string }[];
  summary: Summary;
}

/** FNV-1a of the chip: a stable spread of runners over the groups. */
const groupOf = (chipId: string): number => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < chipId.length; i++) hash = Math.imul(hash ^ chipId.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % RUNNER_GROUPS;
};

interface Feeds {
  warmUp: IncomingRead[];
  idle: IncomingRead[];
  loaded: IncomingRead[];
  batches: IncomingRead[][];
}

/** Batch sizes stepping through 1,000 to 2,000; the last few reads (fewer than 1,000) ride with the last batch. */
const batchesOf = (reads: IncomingRead[]): IncomingRead[][] => {
  const size = (batch: number) => BATCH_SIZE.min + ((batch * 379) % (BATCH_SIZE.max - BATCH_SIZE.min + 1));
  const batches: IncomingRead[][] = [];
  for (let start = 0; start < reads.length; ) {
    let end = Math.min(reads.length, start + size(batches.length));
    if (reads.length - end < BATCH_SIZE.min) end = reads.length;
    batches.push(reads.slice(start, end));
    start = end;
  }
  return batches;
};

/** The main start mat's read of a runner: their first crossing, which no other read of theirs can precede. */
const isStartRead = (read: IncomingRead) => read.pointId === 'start' && read.readId.includes('/A/');

/** Runners' reads only: a relay team's sash reads need its team registered, which a load up to the guns may leave out. */
const feedsOf = (scale: number): Feeds => {
  const plan = seedPlan(EDITION, scale);
  const runnersChips = new Set(plan.entrants.map((entrant) => entrant.registration.chipId));
  const runnersReads = plan.readBatches.flatMap((batch) => batch.reads).filter((read) => read.chipId !== undefined && runnersChips.has(read.chipId));
  const inGroup = (group: number) => {
    const byChip = new Map<string, IncomingRead>();
    for (const read of runnersReads) {
      if (groupOf(read.chipId!) === group && isStartRead(read) && !byChip.has(read.chipId!)) byChip.set(read.chipId!, read);
    }
    return [...byChip.values()];
  };
  return {
    warmUp: inGroup(GROUP.warmUp),
    idle: inGroup(GROUP.idle),
    loaded: inGroup(GROUP.loaded),
    batches: batchesOf(runnersReads.filter((read) => !Object.values<number>(GROUP).includes(groupOf(read.chipId!)))),
  };
};

/** Accepted and duplicate (resends, backup reads) are what the seed's reads are; anything else is a broken run. */
const assertExpected = (response: ReadsResponse, sent: number) => {
  const { summary } = response;
  if (response.results.length !== sent || summary.accepted + summary.duplicate !== sent) {
    const odd = response.results.find((result) => result.status !== 'accepted' && result.status !== 'duplicate');
    throw new Error(`reads were not accepted as crossings or resends: ${JSON.stringify(summary)}; e.g. ${JSON.stringify(odd)}`);
  }
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One read per request, the i-th sent `i * SINGLE_READ_EVERY_MS` after the first whatever became of the
 * others (on the pool's next free connection, or waiting for one): the latency of each, in ms.
 */
const postSingles = async (client: BenchClient, reads: IncomingRead[]): Promise<number[]> => {
  const started = performance.now();
  const answers: Promise<number>[] = [];
  let failed = false;
  for (const [index, read] of reads.entries()) {
    if (failed) break;
    const wait = started + index * SINGLE_READ_EVERY_MS - performance.now();
    if (wait > 0) await sleep(wait);
    const answer = client.post(READS_PATH, { reads: [read] }).then((response) => {
      assertExpected(JSON.parse(response.body) as ReadsResponse, 1);
      return response.ms;
    });
    // A failure stops the sending; Promise.all below reports it.
    answer.catch(() => (failed = true));
    answers.push(answer);
  }
  return Promise.all(answers);
};

/** One batch, checked: its round trip in ms, and how many of its reads were new crossings. */
const postBatch = async (client: BenchClient, reads: IncomingRead[]) => {
  const response = await client.post(READS_PATH, { reads });
  const body = JSON.parse(response.body) as ReadsResponse;
  assertExpected(body, reads.length);
  return { ms: response.ms, accepted: body.summary.accepted };
};

interface BatchLoad {
  batches: number;
  reads: number;
  accepted: number;
  /** Each batch's round trip, in ms. */
  latencies: number[];
}

/**
 * Posts the batches back to back from the `first`, until stopped. Should the feed run out first, it is
 * sent again from the start (every read then a duplicate): the load counts the new crossings, and the
 * figure says what share they were.
 */
const startBatchLoad = (client: BenchClient, batches: IncomingRead[][], first: number) => {
  const load: BatchLoad = { batches: 0, reads: 0, accepted: 0, latencies: [] };
  let stopped = false;
  const running = (async () => {
    while (!stopped && load.batches < MAX_BATCHES) {
      const batch = batches[(first + load.batches) % batches.length]!;
      const { ms, accepted } = await postBatch(client, batch);
      load.batches++;
      load.reads += batch.length;
      load.accepted += accepted;
      load.latencies.push(ms);
    }
  })();
  // Seen when stopped: a failed batch must not surface meanwhile as an unhandled rejection.
  running.catch(() => undefined);
  return {
    /** Lets the batch in flight finish, then sends no more. */
    stop: async () => {
      stopped = true;
      await running;
      return load;
    },
  };
};

const run = async ({ seedScale }: BenchSettings): Promise<Comparison[]> => {
  const directory = mkdtempSync(join(tmpdir(), 'race-bench-reads-'));
  try {
    await loadSeededDataDir(NAME, directory, { editions: [EDITION], scale: seedScale, reads: false });
    const feeds = feedsOf(seedScale);
    const batchReads = feeds.batches.reduce((sum, batch) => sum + batch.length, 0);
    note(
      NAME,
      `reads: ${batchReads.toLocaleString('en-US')} in ${feeds.batches.length} batches; ${feeds.idle.length} / ${feeds.loaded.length} / ${feeds.warmUp.length} for idle / loaded / warm-up singles`,
    );
    const app: RunningApp = await startApp(NAME, directory, [{ role: 'timing', token: TIMING_TOKEN }]);
    const headers = { authorization: `Bearer ${TIMING_TOKEN}` };
    const single = new BenchClient(app.port, headers, { connections: LIVE_MAT_CONNECTIONS });
    const batch = new BenchClient(app.port, headers);
    try {
      // Warm-up, untimed: the live mat's connections opened all at once, both routes through the JIT,
      // the first batch of the feed included.
      const warmUp = feeds.warmUp.slice(0, WARM_UP_SINGLE_READS);
      const atOnce = await Promise.all(warmUp.slice(0, LIVE_MAT_CONNECTIONS).map((read) => single.post(READS_PATH, { reads: [read] })));
      atOnce.forEach((response) => assertExpected(JSON.parse(response.body) as ReadsResponse, 1));
      await postSingles(single, warmUp.slice(LIVE_MAT_CONNECTIONS));
      await postBatch(batch, feeds.batches[0]!);
      const opened = single.connectionsOpened;

      const idle = await postSingles(single, feeds.idle.slice(0, SINGLE_READS));

      const load = startBatchLoad(batch, feeds.batches, 1);
      // The first batch is under way before the live mat's first read.
      await sleep(SINGLE_READ_EVERY_MS);
      const loaded = await postSingles(single, feeds.loaded.slice(0, SINGLE_READS));
      const { batches, reads, accepted, latencies } = await load.stop();
      const batchMs = latencySummary(latencies).p50;
      const newShare = Math.round((100 * accepted) / reads);
      note(NAME, `${batches} batches, ${reads.toLocaleString('en-US')} reads (${newShare}% new crossings), median ${Math.round(batchMs)} ms a batch`);
      const reopened = single.connectionsOpened - opened;
      if (reopened > 0) note(NAME, `the live mat opened ${reopened} connections while timed: its pool lost connections`);
      const range = `${BATCH_SIZE.min.toLocaleString('en-US')}-${BATCH_SIZE.max.toLocaleString('en-US')}`;
      return [
        {
          kind: 'latency',
          figure: `POST 1 read, 50/s, while batches of ${range} reads run (${batches} batches, ${newShare}% new crossings, median ${Math.round(batchMs).toLocaleString('en-US')} ms)`,
          against: 'the same, no batch running',
          subject: latencySummary(loaded),
          baseline: latencySummary(idle),
        },
      ];
    } finally {
      single.close();
      batch.close();
      await app.close();
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
};

export const readDuringBatchBenchmark: Benchmark = { name: NAME, run };
