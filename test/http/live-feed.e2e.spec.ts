import { get, IncomingMessage } from 'node:http';
import { AddressInfo } from 'node:net';
import { EventStore } from '../../src/event-store/event-store';
import { EVENT_STORE } from '../../src/event-store/event-store.module';
import { liveFeedTiming } from '../../src/results/results-live';
import { planRaceDay, register, runner } from './race-day-fixtures';
import { startTestApp, TestApp } from './test-app';

const GUN_10K = '2018-04-22T03:00:00.000Z';
const LIVE_10K = '/editions/almaty-2018/races/10k/live';

interface SseMessage {
  event: string;
  id: number;
  data: Record<string, unknown>;
}

/** An open live feed read with plain node:http: its messages and comment lines as they arrive. */
interface Feed {
  response: IncomingMessage;
  messages: SseMessage[];
  comments: string[];
  /** Resolves once the feed holds a message matching, failing the test if it does not come. */
  until: (matches: (message: SseMessage) => boolean) => Promise<SseMessage>;
}

const fieldsOf = (frame: string) => {
  const lines = frame.split('\n');
  const field = (name: string) => lines.find((line) => line.startsWith(`${name}: `))?.slice(name.length + 2);
  return { event: field('event'), id: field('id'), data: field('data'), comments: lines.filter((line) => line.startsWith(':')) };
};

const readFeed = (response: IncomingMessage): Feed => {
  const feed: Feed = { response, messages: [], comments: [], until: () => Promise.reject(new Error('unset')) };
  const arrivals: (() => void)[] = [];
  let buffered = '';
  response.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const frames = buffered.split('\n\n');
    buffered = frames.pop()!;
    for (const frame of frames) {
      const { event, id, data, comments } = fieldsOf(frame);
      feed.comments.push(...comments);
      if (event !== undefined) feed.messages.push({ event, id: Number(id), data: JSON.parse(data!) });
    }
    arrivals.splice(0).forEach((arrived) => arrived());
  });
  feed.until = async (matches) => {
    const deadline = Date.now() + 5000;
    for (;;) {
      const found = feed.messages.find(matches);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no such message; got ${JSON.stringify(feed.messages)}`);
      await new Promise<void>((resolve) => {
        arrivals.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  };
  return feed;
};

describe('live results feed', () => {
  let t: TestApp;
  let port: number;
  const open: IncomingMessage[] = [];

  beforeEach(async () => {
    t = await startTestApp();
    await planRaceDay(t);
    for (const bib of ['1', '2', '3']) await register(t, runner(bib, { raceId: '10k' })).expect(201);
    await t.app.listen(0);
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });
  afterEach(async () => {
    open.splice(0).forEach((response) => response.destroy());
    await t.close();
  });

  const openFeed = async (headers: Record<string, string> = {}): Promise<Feed> => {
    const response = await new Promise<IncomingMessage>((resolve, reject) =>
      get({ host: '127.0.0.1', port, path: LIVE_10K, headers }, resolve).on('error', reject),
    );
    open.push(response);
    expect(response.statusCode).toBe(200);
    return readFeed(response);
  };

  const startGun = () => t.http().post('/editions/almaty-2018/races/10k/start').set(t.as('timing')).send({ gunTime: GUN_10K }).expect(201);
  const fiveK = (bib: string, minutes: number) => {
    const time = new Date(Date.parse(GUN_10K) + minutes * 60_000).toISOString();
    const reads = [{ readId: `5k-${bib}`, chipId: runner(bib).chipId, pointId: '5k', time }];
    return t.http().post('/editions/almaty-2018/timing/reads').set(t.as('timing')).send({ reads }).expect(200);
  };
  const disqualify = (bib: string) =>
    t
      .http()
      .post(`/editions/almaty-2018/entries/${bib}/disqualifications`)
      .set(t.as('organiser'))
      .send({ rule: 'TR 54.7', reason: 'cut the course' })
      .expect(201);
  const head = () => t.app.get<EventStore>(EVENT_STORE).headPosition();

  it('answers with an event stream that is public and in the OpenAPI document', async () => {
    const feed = await openFeed();
    expect(feed.response.headers).toMatchObject({
      'content-type': expect.stringMatching(/^text\/event-stream/),
      'cache-control': 'no-cache',
      'x-accel-buffering': 'no',
    });
    const openapi = await t.http().get('/api-json').expect(200);
    const operation = openapi.body.paths['/editions/{editionId}/races/{raceId}/live'].get;
    expect(Object.keys(operation.responses['200'].content)).toEqual(['text/event-stream']);
    expect(operation.security).toBeUndefined();
  });

  it('sends each change with its event name, log position and data: the gun for the race, a read as the runner\'s row', async () => {
    const feed = await openFeed();
    await startGun();
    const gun = await feed.until((message) => message.event === 'race');
    expect(gun).toEqual({ event: 'race', id: await head(), data: { type: 'RaceStarted', raceId: '10k' } });

    await fiveK('1', 18);
    const read = await feed.until((message) => message.event === 'read');
    expect(read.id).toBe(await head());
    expect(read.data).toMatchObject({ bib: '1', status: 'onCourse', type: expect.stringMatching(/Recorded$/) });
    expect(read.data.splits).toEqual([expect.objectContaining({ pointId: '5k' })]);
  });

  it('sends one message for one read, however many events it was recorded as, and one for a disqualification', async () => {
    await startGun();
    const feed = await openFeed();
    await fiveK('1', 18);
    const endOfRead = await head();
    await disqualify('2');
    const dsq = await feed.until((message) => message.event === 'disqualification');
    expect(dsq.data).toMatchObject({ bib: '2', status: 'DSQ', type: 'RunnerDisqualified' });
    expect(feed.messages.map((message) => [message.event, message.id, message.data.bib])).toEqual([
      ['read', endOfRead, '1'],
      ['disqualification', await head(), '2'],
    ]);
  });

  it('resumes after Last-Event-ID with exactly the messages after it, then live ones, repeating none', async () => {
    await startGun();
    const first = await openFeed();
    await fiveK('1', 18);
    await fiveK('2', 19);
    await disqualify('1');
    await first.until((message) => message.event === 'disqualification');
    const [missed, ...after] = first.messages;

    const resumed = await openFeed({ 'Last-Event-ID': String(missed!.id) });
    await resumed.until((message) => message.id === after.at(-1)!.id);
    await fiveK('3', 20);
    await resumed.until((message) => message.data.bib === '3');
    expect(resumed.messages.map((message) => [message.event, message.id, message.data.bib])).toEqual([
      ...after.map((message) => [message.event, message.id, message.data.bib]),
      ['read', await head(), '3'],
    ]);
    expect(resumed.messages[0]!.data).toMatchObject({ bib: '2', status: 'onCourse' });
  });

  it('writes a heartbeat comment while nothing happens', async () => {
    const { heartbeatMs } = liveFeedTiming;
    liveFeedTiming.heartbeatMs = 20;
    try {
      const feed = await openFeed();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(feed.comments).toContain(': heartbeat');
      expect(feed.messages).toEqual([]);
    } finally {
      liveFeedTiming.heartbeatMs = heartbeatMs;
    }
  });

  it('answers 400 to a Last-Event-ID that is not a log position, and 404 to an unknown race, before the stream opens', async () => {
    for (const lastEventId of ['abc', '-1', '1.5', '', '99999999999999999999']) {
      const response = await t.http().get(LIVE_10K).set('Last-Event-ID', lastEventId);
      expect([lastEventId, response.status, response.body.message]).toEqual([lastEventId, 400, expect.stringMatching(/Last-Event-ID/)]);
    }
    await t.http().get('/editions/almaty-2018/races/ultra/live').expect(404);
    await t.http().get('/editions/nowhere/races/10k/live').expect(404);
  });
});
