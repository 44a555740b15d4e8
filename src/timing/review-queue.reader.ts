import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../decider/domain-errors';
import { EDITIONS_PROJECTION, EditionsState } from '../editions/editions.projection';
import { ProjectionRunner } from '../projections/projection-runner';
import { REGISTRATIONS_PROJECTION, RegistrationsState } from '../registration/registrations.projection';
import { RESULTS_PROJECTION, ResultsState } from '../results/results.projection';
import { ReviewFilter, ReviewItem, reviewQueue } from './review-queue';
import { REVIEW_QUEUE_PROJECTION, ReviewQueueState } from './review-queue.projection';
import { UNMATCHED_READS_PROJECTION, UnmatchedReadsState } from './unmatched-reads.projection';

/** The review queue as the read models show it: for the timing crew's screen and for certification. */
@Injectable()
export class ReviewQueueReader {
  constructor(private readonly runner: ProjectionRunner) {}

  items(editionId: string, filter: ReviewFilter): ReviewItem[] {
    const edition = this.runner.state<EditionsState>(EDITIONS_PROJECTION)[editionId];
    if (!edition) throw new NotFoundError(`edition ${editionId} does not exist`);
    if (filter.raceId && !edition.races.some((race) => race.raceId === filter.raceId)) {
      throw new NotFoundError(`race ${filter.raceId} does not exist in edition ${editionId}`);
    }
    const results = this.runner.state<ResultsState>(RESULTS_PROJECTION)[editionId];
    const registered = this.runner.state<RegistrationsState>(REGISTRATIONS_PROJECTION)[editionId]?.byBib;
    return reviewQueue(
      edition,
      this.runner.state<ReviewQueueState>(REVIEW_QUEUE_PROJECTION)[editionId] ?? [],
      Object.values(this.runner.state<UnmatchedReadsState>(UNMATCHED_READS_PROJECTION)[editionId] ?? {}),
      (raceId) => results?.races[raceId],
      (bib) => registered?.has(bib) === true,
      filter,
    );
  }

  /** The flagged read of this id, open or reviewed, if any runner of the edition has one. */
  flagged(editionId: string, readId: string) {
    return (this.runner.state<ReviewQueueState>(REVIEW_QUEUE_PROJECTION)[editionId] ?? []).find((read) => read.readId === readId);
  }

  isUnmatched(editionId: string, readId: string): boolean {
    const unmatched = this.runner.state<UnmatchedReadsState>(UNMATCHED_READS_PROJECTION)[editionId];
    return unmatched !== undefined && Object.hasOwn(unmatched, readId);
  }
}
