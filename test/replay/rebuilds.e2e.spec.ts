import { ProjectionRunner } from '../../src/projections/projection-runner';
import { startTestApp, TestApp } from '../http/test-app';
import { EDITION, seedRaceDay } from './replay-fixtures';

describe('rebuilding read models of the running API over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await seedRaceDay(t);
  });
  afterAll(async () => t.close());

  const finished = async (rebuildId: string) => {
    for (let attempt = 0; attempt < 100; attempt++) {
      const { body } = await t.http().get(`/replay/rebuilds/${rebuildId}`).set(t.as('organiser')).expect(200);
      if (body.status !== 'running') return body;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`rebuild ${rebuildId} did not finish`);
  };

  it('rebuilds a read model from the log and swaps it in, while the old one keeps answering', async () => {
    const fund = t.app.get(ProjectionRunner).state<Record<string, { donated: number }>>('charity')[EDITION]!;
    fund.donated += 1; // a live model that went wrong
    expect((await t.http().get(`/editions/${EDITION}/charity`).expect(200)).body.bySource.donations).toBe(100000.01);

    const started = await t.http().post('/replay/rebuilds').set(t.as('organiser')).send({ projections: ['charity'] }).expect(202);
    expect(started.body).toMatchObject({ status: 'running', requestedBy: expect.stringMatching(/^organiser#/), projections: [{ name: 'charity' }] });
    const job = await finished(started.body.rebuildId);
    expect(job).toMatchObject({ status: 'completed', projections: [{ name: 'charity', status: 'swapped', eventsFolded: 9 }] });
    expect(job.projections[0].position).toBe(job.projections[0].livePosition);
    expect((await t.http().get(`/editions/${EDITION}/charity`).expect(200)).body.bySource.donations).toBe(100000);
  });

  it('rebuilds every read model when none is named, and the API serves the same answers after', async () => {
    const before = (await t.http().get(`/editions/${EDITION}/races/marathon/results`).expect(200)).body;
    const started = await t.http().post('/replay/rebuilds').set(t.as('organiser')).send({}).expect(202);
    const job = await finished(started.body.rebuildId);
    expect(job.status).toBe('completed');
    expect(job.projections.map((step: { name: string; status: string }) => `${step.name}:${step.status}`)).toEqual(
      ['editions', 'registrations', 'unmatched-reads', 'review-queue', 'results', 'ekiden-standings', 'prize-ledger', 'charity'].map((name) => `${name}:swapped`),
    );
    expect((await t.http().get(`/editions/${EDITION}/races/marathon/results`).expect(200)).body).toEqual(before);
  });

  it('answers bad requests with 400 and unknown rebuilds with 404', async () => {
    const unknown = await t.http().post('/replay/rebuilds').set(t.as('organiser')).send({ projections: ['charity', 'podium'] }).expect(400);
    expect(unknown.body.message).toMatch(/each of projections must be one of editions, registrations/);
    await t.http().post('/replay/rebuilds').set(t.as('organiser')).send({ projections: [] }).expect(400);
    await t.http().post('/replay/rebuilds').set(t.as('organiser')).send({ projections: 'charity' }).expect(400);
    const missing = await t.http().get('/replay/rebuilds/nope').set(t.as('organiser')).expect(404);
    expect(missing.body.message).toMatch(/rebuild nope does not exist/);
  });
});
