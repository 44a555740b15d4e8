import { DonationReceived } from '../charity/charity-events';
import { toMinorUnits } from '../money/money';
import { toUtcInstant } from '../time/instant';
import { SeedEditionFacts } from './seed-facts';

export interface SeedCharity {
  /** Synthetic: the article names no donor. */
  donations: DonationReceived['data'][];
  /** The whole fund, as it stands then, goes to one cause: the article says the money raised goes to charity. */
  allocation: { allocationId: string; cause: string; allocatedAt: string };
}

/** The charity fund's movements as the charity commands take them, or none if the facts state no charity. */
export const charityOf = (facts: SeedEditionFacts): SeedCharity | undefined => {
  if (!facts.charity) return undefined;
  const currency = facts.edition.currency.value;
  const namedTeams = [...(facts.ekiden?.podium ?? []), ...(facts.ekiden?.mediaTeams ?? [])];
  const donations = (facts.synthetic?.donations ?? []).map(({ team, amount, receivedAt, ...donation }): DonationReceived['data'] => {
    const bib = namedTeams.find((named) => named.team.value === team)?.bib.value;
    if (team !== undefined && bib === undefined) throw new Error(`donation ${donation.donationId} is for ${team}, not a team the article names`);
    return {
      editionId: facts.editionId,
      ...donation,
      ...(bib !== undefined && { teamBib: bib }),
      amountMinor: toMinorUnits(amount, currency, `donation ${donation.donationId}`),
      currency,
      receivedAt: toUtcInstant(receivedAt, `donation ${donation.donationId} receivedAt`),
    };
  });
  const { allocationId, cause, allocatedAt } = facts.charity;
  return { donations, allocation: { allocationId, cause: cause.value, allocatedAt: toUtcInstant(allocatedAt.value, 'charity allocatedAt') } };
};
