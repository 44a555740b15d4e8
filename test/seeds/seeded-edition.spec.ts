import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FundsAllocated } from '../../src/charity/charity-events';
import { charityProjection, charityTotals } from '../../src/charity/charity.projection';
import { ekidenProjection } from '../../src/ekiden/ekiden.projection';
import { relayStandings } from '../../src/ekiden/standings';
import { TeamRegistered } from '../../src/ekiden/team-events';
import { RecordedEvent } from '../../src/event-store/event-store';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { computeAwards } from '../../src/prizes/awards';
import { AwardData, PrizePaid, PrizeScheduleSet, ResultsCertified } from '../../src/prizes/prize-events';
import { foldLog } from '../../src/projections/fold-log';
import { resultsProjection } from '../../src/results/results.projection';
import { rankRace } from '../../src/results/standings';
import { formatRaceTime } from '../../src/time/instant';
import { SYNTHETIC_ORGANISATION } from '../../src/seeds/ekiden-teams';
import { loadSeedEdition } from '../../src/seeds/load-seeds';
import { readNamePools, readSeedFacts } from '../../src/seeds/seed-facts';
import { planSeedEdition } from '../../src/seeds/seed-plan';
import { SEED_REASONS } from '../../src/seeds/seed-session';

const SCALE = 0.02;
const plan = planSeedEdition(readSeedFacts('almaty-2018'), readNamePools(), { scale: SCALE });

describe('the seeded 7th edition after race day: ekiden standings, prize money, charity fund', () => {
  const directory = mkdtempSync(join(tmpdir(), 'race-seeded-'));
  const store = new SqliteEventStore(join(directory, 'events.sqlite'));
  const events: RecordedEvent[] = [];
  const ofType = <Data>(type: string) => events.filter((event) => event.type === type) as (RecordedEvent & { data: Data })[];

  beforeAll(async () => {
    await loadSeedEdition(store, plan);
    for await (const event of store.readAll()) events.push(event);
  });

  afterAll(async () => {
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('places the article\'s ekiden podium first to third, and its three media teams as finishers', async () => {
    const { state } = await foldLog(store, ekidenProjection);
    const { rows } = relayStandings(state['almaty-2018']!['ekiden']!);
    expect(rows).toHaveLength(plan.teams.length);
    expect(rows.slice(0, 3).map((row) => [row.place, row.name, row.organisation, row.status])).toEqual([
      [1, 'Batyr-1', 'Presidential Regiment', 'finished'],
      [2, 'Omron', 'Omron', 'finished'],
      [3, 'Batyr-2', 'Presidential Regiment', 'finished'],
    ]);
    const media = rows.filter((row) => row.category === 'media');
    expect(media.map((row) => [row.name, row.status])).toEqual(
      expect.arrayContaining([['Massaget.kz', 'finished'], ['Tengrinews.kz', 'finished'], ['Vesti.kz', 'finished']]),
    );
    expect(media.every((row) => row.place !== null && row.place > 3)).toBe(true);
    // Every finished team has all six legs timed by the exchange mats: no gaps.
    const finished = rows.filter((row) => row.status === 'finished');
    expect(finished.every((row) => row.missingExchanges.length === 0 && row.legs.every((leg) => leg.time !== null))).toBe(true);
  });

  it('registers the teams with their entry fees, labelling the article\'s teams and the synthetic ones', () => {
    const teams = ofType<TeamRegistered['data']>('TeamRegistered');
    expect(teams.map((team) => team.data.entryFee)).toEqual(plan.teams.map(() => ({ amountMinor: 6_000_000, currency: 'KZT' })));
    const synthetic = teams.filter((team) => team.metadata.reason === SEED_REASONS.syntheticTeam);
    expect(synthetic.every((team) => team.data.organisation === SYNTHETIC_ORGANISATION)).toBe(true);
    expect(teams.filter((team) => team.metadata.reason === SEED_REASONS.articleTeam).map((team) => team.data.name).sort()).toEqual(
      ['Batyr-1', 'Batyr-2', 'Massaget.kz', 'Omron', 'Tengrinews.kz', 'Vesti.kz'],
    );
  });

  it('awards Krasilov 400,000 KZT for the marathon, tied to the results that justified it', async () => {
    const krasilov = plan.entrants.find((entrant) => entrant.registration.lastName === 'Krasilov')!.registration;
    const awards = ofType<AwardData>('PrizeAwarded');
    const award = awards.find((event) => event.data.bib === krasilov.bib)!;
    const gun = Date.parse(plan.guns.find((planned) => planned.raceId === 'marathon')!.gunTime);
    const finish = ofType<{ bib: string; time: string }>('FinishRecorded').find((event) => event.streamId === `entry-almaty-2018-${krasilov.bib}`)!;
    expect(award.data).toMatchObject({
      raceId: 'marathon',
      category: 'M',
      place: 1,
      runner: 'Mikhail Krasilov',
      amountMinor: 40_000_000,
      currency: 'KZT',
      basis: 'gun',
      time: formatRaceTime(Date.parse(finish.data.time) - gun),
    });
    expect(award.data.time).toMatch(/^2:33:\d\d$/);
    expect(award.data.resultsPosition).toBeGreaterThan(finish.position);

    // The awards are exactly what the schedule gives the results as they stood at the certified position.
    const certified = ofType<ResultsCertified['data']>('ResultsCertified');
    expect(certified.map((event) => [event.data.raceId, event.metadata.reason])).toEqual([
      ['marathon', SEED_REASONS.certification],
      ['10k', SEED_REASONS.certification],
    ]);
    const { state } = await foldLog(store, resultsProjection, { upTo: award.data.resultsPosition });
    for (const schedule of ofType<PrizeScheduleSet['data']>('PrizeScheduleSet')) {
      const expected = computeAwards(schedule.data, rankRace(state['almaty-2018']!.races[schedule.data.raceId]!));
      const awarded = awards.filter((event) => event.data.raceId === schedule.data.raceId).map(({ data: { resultsPosition, ...rest } }) => rest);
      expect(awarded).toEqual(expected);
    }
    expect(awards).toHaveLength(12);

    const payment = ofType<PrizePaid['data']>('PrizePaid').find((event) => event.data.reference === 'SEED-PAY-0001')!;
    expect(payment.data).toMatchObject({ awardId: award.data.awardId, bib: krasilov.bib, amountMinor: 40_000_000 });
    expect(payment.metadata).toMatchObject({ actor: { id: 'seed', role: 'finance' }, reason: SEED_REASONS.payment });
  });

  it('keeps a charity fund whose totals are the entry fees plus the donations less the allocation', async () => {
    const fund = (await foldLog(store, charityProjection)).state['almaty-2018']!;
    const totals = charityTotals(fund);
    const feesMinor = [...plan.entrants, ...plan.teams].reduce((sum, entry) => sum + (entry.registration.entryFee ?? 0) * 100, 0);
    const donatedMinor = plan.charity!.donations.reduce((sum, donation) => sum + donation.amountMinor, 0);
    const [allocation, ...more] = ofType<FundsAllocated['data']>('FundsAllocated');
    expect(more).toEqual([]);
    expect(allocation!.metadata).toMatchObject({ actor: { id: 'seed', role: 'finance' }, reason: SEED_REASONS.allocation });
    expect(fund).toMatchObject({ entryFees: feesMinor, donated: donatedMinor, allocated: allocation!.data.amountMinor, donations: 3 });
    expect(totals).toMatchObject({
      total: (feesMinor + donatedMinor) / 100,
      bySource: { entryFees: feesMinor / 100, donations: donatedMinor / 100 },
      allocated: allocation!.data.amountMinor / 100,
      unallocated: (feesMinor + donatedMinor - allocation!.data.amountMinor) / 100,
      byCompany: { 'Effective Media Liaison': 300_000, Omron: 1_000_000 },
      byTeam: { E2: 1_000_000, E5: 300_000 },
      byCause: { 'childrens-charity': { donated: 150_000, allocated: allocation!.data.amountMinor / 100 } },
    });
    // The article: the money raised goes to charity, so the whole fund is allocated.
    expect(totals.unallocated).toBe(0);
    expect(ofType('DonationReceived').every((event) => event.metadata.reason === SEED_REASONS.donation)).toBe(true);
  });

  it('writes nothing when loaded again', async () => {
    const head = await store.headPosition();
    expect(await loadSeedEdition(store, plan)).toMatchObject({ outcome: 'already loaded', eventsAppended: 0 });
    expect(await store.headPosition()).toBe(head);
  });
});

describe('resuming a load interrupted after race day', () => {
  it('receives the donations and allocates the fund without sending the day\'s reads again', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'race-seeded-'));
    const store = new SqliteEventStore(join(directory, 'events.sqlite'));
    try {
      // The same plan without its charity stops after the prize payments, as an interruption there would.
      const { charity: _, ...withoutCharity } = plan;
      await loadSeedEdition(store, withoutCharity);
      const resumed = await loadSeedEdition(store, plan);
      expect(resumed).toMatchObject({ outcome: 'resumed', registered: 0, teamsRegistered: 0, reads: { accepted: 0, duplicate: 0 } });
      expect(resumed.eventsAppended).toBe(plan.charity!.donations.length + 1);
      expect(resumed.charity).toMatchObject({ donations: 3, cause: 'childrens-charity' });
      expect(await loadSeedEdition(store, plan)).toMatchObject({ outcome: 'already loaded', eventsAppended: 0 });
    } finally {
      await store.close();
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
