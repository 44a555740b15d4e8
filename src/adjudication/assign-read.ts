import { CommandContext } from '../decider/command-context';
import { NotFoundError, RuleViolationError } from '../decider/domain-errors';
import { handleCommand, retryOnConflict } from '../decider/handle-command';
import { EditionView } from '../editions/editions.projection';
import { EventStore } from '../event-store/event-store';
import { EditionRegistrations } from '../registration/registrations.projection';
import { IncomingRead, ReadOutcome, recordReads, rejectionForRunner, unmatchedStream } from '../timing/record-reads';
import { unmatchedReadDecider } from '../timing/unmatched-read';
import { UnmatchedRead } from '../timing/unmatched-reads.projection';

/**
 * Assigns an unmatched read to a runner. The read must be a possible crossing of that runner's course
 * (checked first, nothing written otherwise); then `ReadAssigned` on the edition's unmatched stream is
 * the lock (one assignment per read, by optimistic concurrency), and the read is recorded on the
 * runner's entry through the same timing rules as any read, with its original id, caused by the assignment.
 * An organiser who decided on a revision of that stream (`expectedRevision`) gets a 409 if it moved since
 * (another read came in unmatched, or was assigned or dismissed); without one, a concurrent change is
 * decided again.
 */
export const assignRead = async (
  store: EventStore,
  edition: EditionView,
  registrations: EditionRegistrations | undefined,
  read: UnmatchedRead,
  bib: string,
  context: CommandContext,
  expectedRevision?: number,
): Promise<ReadOutcome & { revision: number }> => {
  if (!registrations?.byBib.has(bib)) {
    throw new NotFoundError(`bib ${bib} is not registered in edition ${edition.editionId}`);
  }
  const { readId, pointId, lap, time } = read;
  const asRead: IncomingRead = { readId, bib, pointId, time, ...(lap !== undefined && { lap }) };
  const rejection = rejectionForRunner(edition, registrations, asRead, bib);
  if (rejection) throw new RuleViolationError(`read ${readId} cannot be bib ${bib}'s: ${rejection}`);

  const command = { type: 'AssignRead' as const, data: { editionId: edition.editionId, readId, bib } };
  const assign = () => handleCommand(store, unmatchedStream(edition.editionId), unmatchedReadDecider, command, context, { expectedRevision });
  // Deciding again on a newer revision is what a stated one forbids.
  const assigned = await (expectedRevision === undefined ? retryOnConflict(assign) : assign());
  const { outcomes } = await recordReads(store, edition, registrations, [asRead], { ...context, causationId: assigned.eventIds[0]! });
  return { ...outcomes[0]!, revision: assigned.revision };
};
