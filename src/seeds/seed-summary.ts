import { toMajorUnits } from '../money/money';
import { ReadStatus } from '../timing/record-reads';
import { SeedEditionFacts } from './seed-facts';
import { SeedPlan } from './seed-plan';
import { SeedLoadReport } from './seed-session';

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

/** What one edition's load did, for the operator: entrants, countries, reads by status, throughput, teams, prize money, charity. */
export const seedSummary = (facts: SeedEditionFacts, plan: SeedPlan, report: SeedLoadReport): string => {
  const heading = `${plan.editionId}  ${plan.edition.name}, ${plan.edition.date} (${plan.edition.timezone})`;
  if (report.outcome === 'already loaded') return `${heading}: already loaded with this seed and scale; nothing written`;

  const registrations = plan.entrants.map((entrant) => entrant.registration);
  const byRace = tally(registrations.map((registration) => registration.raceId));
  const countries = tally(registrations.map((registration) => registration.country));
  const home = facts.participation.homeCountry.value;
  const statuses = tally(plan.entrants.map((entrant) => entrant.status));
  const sent = READ_STATUSES.reduce((sum, status) => sum + report.reads[status], 0);
  return [
    `${heading}: ${report.outcome} in ${report.seconds.toFixed(1)} s`,
    `  entrants    ${count(registrations.length)} from ${countries.size} countries (${home} and ${countries.size - (countries.has(home) ? 1 : 0)} others), ${count(report.registered)} registered now`,
    `              ${[...byRace].map(([raceId, entrants]) => `${raceId} ${count(entrants)}`).join(' | ')}`,
    `  planned     ${count(statuses.get('finished') ?? 0)} finish | ${count(statuses.get('DNF') ?? 0)} DNF | ${count(statuses.get('DNS') ?? 0)} DNS`,
    `  reads       ${count(sent)} sent: ${READ_STATUSES.map((status) => `${count(report.reads[status])} ${status}`).join(' | ')}`,
    `  events      ${count(report.eventsAppended)} appended (${count(Math.round(report.eventsAppended / Math.max(report.seconds, 0.001)))} events/s)`,
    ...ekidenLine(plan, report),
    ...prizesLine(plan, report),
    ...charityLine(plan, report),
  ].join('\n');
};

const money = (minor: number, currency: string) => `${count(toMajorUnits(minor, currency))} ${currency}`;

const ekidenLine = ({ teams }: SeedPlan, report: SeedLoadReport): string[] => {
  if (teams.length === 0) return [];
  const fromArticle = teams.filter((team) => team.fromArticle).length;
  const statuses = tally(teams.map((team) => team.status));
  return [
    `  ekiden      ${count(teams.length)} teams (${fromArticle} from the article: podium and media teams; ${count(teams.length - fromArticle)} synthetic), ${count(report.teamsRegistered)} registered now`,
    `              planned ${count(statuses.get('finished') ?? 0)} finish | ${count(statuses.get('DNF') ?? 0)} DNF | ${count(statuses.get('DNS') ?? 0)} DNS`,
  ];
};

const prizesLine = (plan: SeedPlan, { prizes }: SeedLoadReport): string[] => {
  if (!prizes) return [];
  const { currency } = plan.edition;
  return [
    `  prizes      ${prizes.certified.join(', ')} certified: ${count(prizes.awards)} awards, ${money(prizes.awardedMinor, currency)} | ${count(prizes.payments)} synthetic payments, ${money(prizes.paidMinor, currency)} paid`,
  ];
};

const charityLine = (plan: SeedPlan, { charity }: SeedLoadReport): string[] => {
  if (!charity) return [];
  const { currency } = plan.edition;
  return [
    `  charity     ${money(charity.entryFeesMinor + charity.donatedMinor, currency)} raised: entry fees ${money(charity.entryFeesMinor, currency)} (${count(charity.entries)} entries) + ${count(charity.donations)} synthetic donations ${money(charity.donatedMinor, currency)}`,
    `              ${money(charity.allocatedMinor, currency)} allocated to ${charity.cause}`,
  ];
};
