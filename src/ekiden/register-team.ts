import { CommandContext } from '../decider/command-context';
import { NotFoundError } from '../decider/domain-errors';
import { CommandOutcome, foldStream, readStreamOrEmpty } from '../decider/handle-command';
import { readEditionView } from '../editions/editions.projection';
import { EventStore } from '../event-store/event-store';
import { toMinorUnits } from '../money/money';
import { createEntry, entryStream } from '../registration/register-runner';
import { teamDecider } from './team';
import { TeamRegistered } from './team-events';

export type TeamRequest = Omit<TeamRegistered['data'], 'entryFee'> & { entryFee?: number };

/** Registers a relay team: every rule decided first, then the entry created with its sash chip claimed. */
export const registerTeam = async (
  store: EventStore,
  request: TeamRequest,
  context: CommandContext,
): Promise<CommandOutcome<TeamRegistered>> => {
  const edition = await readEditionView(store, request.editionId);
  if (!edition) throw new NotFoundError(`edition ${request.editionId} does not exist`);
  const { entryFee, ...team } = request;
  const data: TeamRegistered['data'] = {
    ...team,
    ...(entryFee !== undefined && {
      entryFee: { amountMinor: toMinorUnits(entryFee, edition.currency, 'entryFee'), currency: edition.currency },
    }),
  };
  const race = edition.races.find((candidate) => candidate.raceId === data.raceId);
  const history = await readStreamOrEmpty(store, entryStream(data.editionId, data.bib));
  const events = teamDecider.decide(
    { type: 'RegisterTeam', data, edition: { registrationOpen: edition.registrationOpen, date: edition.date, ...(race && { race }) } },
    foldStream(teamDecider, history),
  );
  return createEntry(store, data, events, context);
};
