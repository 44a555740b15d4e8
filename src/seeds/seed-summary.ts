import { ReadStatus } from '../timing/record-reads';
import { SeedLoadReport } from './load-seeds';
import { SeedEditionFacts } from './seed-facts';
import { SeedPlan } from './seed-plan';

const count = (value: number) => value.toLocaleString('en-US');

const tally = <T extends string>(values: T[]): Map<T, number> => {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
};

const READ_STATUSES: ReadStatus[] = ['accepted', 'duplicate', 'unmatched', 'flagged', 'rejected'];

/** Reads the timing rules did not take as a crossing or a resend: a generator bug, never expected. */
export const unexpectedReads = (report: SeedLoadReport): number =>
  report.reads.unmatched + report.reads.flagged + report.reads.rejected;

/** What one edition's load did, for the operator: entrants, countries, reads by status, throughput. */
export const seedSummary = (facts: SeedEditionFacts, plan: SeedPlan, report: SeedLoadReport): string => {
  const heading = `${plan.editionId}  ${plan.edition.name}, ${plan.edition.date} (${plan.edition.timezone})`;
  if (report.outcome === 'already loaded') return `${heading}: already loaded with this seed and scale; nothing written`;

  const registrations = plan.entrants.map((entrant) => entrant.registration);
  const byRace = tally(registrations.map((registration) => registration.raceId));
  const countries = tally(registrations.map((registration) => registration.country));
  const home = facts.participation.homeCountry.value;
  const statuses = tally(plan.entrants.map((entrant) => entrant.status));
  const sent = READ_STATUSES.reduce((sum, status) => sum + report.reads[status], 0);
  const notLoaded = [
    ...(facts.ekiden ? [`ekiden teams: ${facts.ekiden.teams.value} (the race and its gun are loaded; the teams are not seeded yet)`] : []),
    ...(facts.prizeSchedules ?? []).map((schedule) => `prize schedule: ${schedule.raceId} (not seeded yet)`),
  ];
  return [
    `${heading}: ${report.outcome} in ${report.seconds.toFixed(1)} s`,
    `  entrants    ${count(registrations.length)} from ${countries.size} countries (${home} and ${countries.size - (countries.has(home) ? 1 : 0)} others), ${count(report.registered)} registered now`,
    `              ${[...byRace].map(([raceId, entrants]) => `${raceId} ${count(entrants)}`).join(' | ')}`,
    `  planned     ${count(statuses.get('finished') ?? 0)} finish | ${count(statuses.get('DNF') ?? 0)} DNF | ${count(statuses.get('DNS') ?? 0)} DNS`,
    `  reads       ${count(sent)} sent: ${READ_STATUSES.map((status) => `${count(report.reads[status])} ${status}`).join(' | ')}`,
    `  events      ${count(report.eventsAppended)} appended (${count(Math.round(report.eventsAppended / Math.max(report.seconds, 0.001)))} events/s)`,
    ...notLoaded.map((line, index) => `  ${index === 0 ? 'in the JSON' : '           '} ${line}`),
  ].join('\n');
};
