import { charityProjection } from '../charity/charity.projection';
import { editionsProjection } from '../editions/editions.projection';
import { ekidenProjection } from '../ekiden/ekiden.projection';
import { prizeLedgerProjection } from '../prizes/prize-ledger.projection';
import { registrationsProjection } from '../registration/registrations.projection';
import { resultsProjection } from '../results/results.projection';
import { reviewQueueProjection } from '../timing/review-queue.projection';
import { unmatchedReadsProjection } from '../timing/unmatched-reads.projection';
import { Projection } from './projection';

/** Every read model the API serves: the runner folds them live, replay rebuilds and verifies them. */
export const readModels: Projection<unknown>[] = [
  editionsProjection,
  registrationsProjection,
  unmatchedReadsProjection,
  reviewQueueProjection,
  resultsProjection,
  ekidenProjection,
  prizeLedgerProjection,
  charityProjection,
] as Projection<unknown>[];
