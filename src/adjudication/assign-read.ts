import { CommandContext } from '../decider/command-context';
import { NotFoundError } from '../decider/domain-errors';
import { handleCommand } from '../decider/handle-command';
import { EditionView } from '../editions/editions.projection';
import { EventStore, WrongExpectedVersionError } from '../event-store/event-store';
import { EditionRegistrations } from '../registration/registrations.projection';
import { ReadOutcome, recordReads, unmatchedStream } from '../timing/record-reads';
import { UnmatchedRead } from '../timing/unmatched-reads.projection';
import { unmatchedReadDecider } from './unmatched-read';

const MAX_ATTEMPTS = 3;

/**
 * Assigns an unmatched read to a runner: `ReadAssigned` on the edition's unmatched stream is the lock
 * (one assignment per read, by optimistic concurrency), then the read is recorded on the runner's
 * entry through the same timing rules as any read, with its original read id, caused by the assignment.
 */
export const assignRead = async (
  store: EventStore,
  edition: EditionView,
  registrations: EditionRegistrations | undefined,
  read: UnmatchedRead,
  bib: string,
  context: CommandContext,
): Promise<ReadOutcome> => {
  if (!registrations?.byBib[bib]) throw new NotFoundError(`bib ${bib} is not registered in edition ${edition.editionId}`);
  const command = { type: 'AssignRead' as const, data: { editionId: edition.editionId, readId: read.readId, bib } };
  for (let attempt = 1; ; attempt++) {
    try {
      const assigned = await handleCommand(store, unmatchedStream(edition.editionId), unmatchedReadDecider, command, context);
      const { readId, pointId, lap, time } = read;
      const [recorded] = await recordReads(
        store,
        edition,
        registrations,
        [{ readId, bib, pointId, time, ...(lap !== undefined && { lap }) }],
        { ...context, causationId: assigned.eventIds[0]! },
      );
      return recorded!;
    } catch (error) {
      // Unmatched reads keep arriving on the same stream during the race: decide again on the new revision.
      if (!(error instanceof WrongExpectedVersionError) || attempt === MAX_ATTEMPTS) throw error;
    }
  }
};
