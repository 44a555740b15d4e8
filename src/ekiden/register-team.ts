import { CommandContext } from '../decider/command-context';
import { CommandOutcome, foldStream, readStreamOrEmpty } from '../decider/handle-command';
import { EventStore } from '../event-store/event-store';
import { countryAsRegistered } from '../registration/countries';
import { createEntry, editionAndFee, editionFactsFor, entryStream } from '../registration/register-runner';
import { teamDecider } from './team';
import { TeamRegistered } from './team-events';

export type TeamRequest = Omit<TeamRegistered['data'], 'entryFee'> & { entryFee?: number };

/** Registers a relay team: every rule decided first, then the entry created with its sash chip claimed. */
export const registerTeam = async (
  store: EventStore,
  request: TeamRequest,
  context: CommandContext,
): Promise<CommandOutcome<TeamRegistered>> => {
  const { edition, registration, fee } = await editionAndFee(store, request);
  const runners = registration.runners.map((runner) => ({ ...runner, ...countryAsRegistered(runner.country) }));
  const data: TeamRegistered['data'] = { ...registration, runners, ...fee };
  const history = await readStreamOrEmpty(store, entryStream(data.editionId, data.bib));
  const events = teamDecider.decide(
    { type: 'RegisterTeam', data, edition: editionFactsFor(edition, data.raceId) },
    foldStream(teamDecider, history),
  );
  return createEntry(store, data, events, context);
};
