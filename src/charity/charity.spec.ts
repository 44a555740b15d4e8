import { deciderSpec } from '../../test/decider-spec';
import { ConflictError, RuleViolationError } from '../decider/domain-errors';
import { AllocateFunds, charityDecider, RecordDonation } from './charity';
import { DonationReceived, FundsAllocated } from './charity-events';

const { given } = deciderSpec(charityDecider);

const NOW = '2018-04-22T10:00:00.000Z';
const kzt = { currency: 'KZT' };

const donation: DonationReceived['data'] = {
  editionId: 'almaty-2018',
  donationId: 'KASPI-0042',
  donor: 'Omron Kazakhstan',
  company: 'Omron',
  teamBib: '902',
  cause: 'childrens-hospital',
  amountMinor: 50_000_000,
  currency: 'KZT',
  receivedAt: '2018-04-20T09:15:00.000Z',
};
const donationReceived = (data: Partial<DonationReceived['data']> = {}): DonationReceived => ({
  type: 'DonationReceived',
  data: { ...donation, ...data },
});
const recordDonation = (data: Partial<RecordDonation['data']> = {}): RecordDonation => ({
  type: 'RecordDonation',
  data: { ...donation, ...data },
  edition: kzt,
  now: NOW,
});

const allocation: FundsAllocated['data'] = {
  editionId: 'almaty-2018',
  allocationId: 'ALLOC-1',
  cause: 'childrens-hospital',
  amountMinor: 30_000_000,
  currency: 'KZT',
};
const fundsAllocated = (data: Partial<FundsAllocated['data']> = {}): FundsAllocated => ({
  type: 'FundsAllocated',
  data: { ...allocation, ...data },
});
const allocate = (data: Partial<FundsAllocated['data']> = {}, entryFeesMinor = 0): AllocateFunds => ({
  type: 'AllocateFunds',
  data: { ...allocation, ...data },
  edition: kzt,
  entryFeesMinor,
});

describe('recording a donation', () => {
  it('records it for the company, the team and the cause the donor named', () =>
    given([]).when(recordDonation()).then([donationReceived()]));

  it('takes the time of the command when finance does not say when the money arrived', () => {
    const { receivedAt: _, ...unstated } = donation;
    return given([]).when({ ...recordDonation(), data: unstated }).then([donationReceived({ receivedAt: NOW })]);
  });

  it('records a resend with the same donation id once', () =>
    given([donationReceived()]).when(recordDonation()).then([]));

  it('records a resend without receivedAt once, though its clock differs', () => {
    const { receivedAt: _, ...unstated } = donation;
    return given([donationReceived()]).when({ ...recordDonation(), data: unstated, now: '2018-04-23T00:00:00.000Z' }).then([]);
  });

  it('refuses a donation id already recorded with another amount', () =>
    given([donationReceived()])
      .when(recordDonation({ amountMinor: 1 }))
      .thenThrows(ConflictError, 'donation KASPI-0042 is already recorded with other details'));

  it('refuses money in another currency than the edition keeps the fund in', () =>
    given([]).when(recordDonation({ currency: 'USD' })).thenThrows(RuleViolationError, 'kept in KZT, not USD'));

  it('refuses an amount of zero or less', () => {
    given([]).when(recordDonation({ amountMinor: 0 })).thenThrows(RuleViolationError, 'more than zero');
    given([]).when(recordDonation({ amountMinor: -100 })).thenThrows(RuleViolationError, 'more than zero');
  });
});

describe('allocating funds to a cause', () => {
  it('allocates what donations hold unallocated', () =>
    given([donationReceived()]).when(allocate()).then([fundsAllocated()]));

  it('counts the entry fees raised as part of the fund', () =>
    given([]).when(allocate({}, 30_000_000)).then([fundsAllocated()]));

  it('may allocate the fund down to the last tiyn', () =>
    given([donationReceived(), fundsAllocated()])
      .when(allocate({ allocationId: 'ALLOC-2', amountMinor: 20_000_001 }, 1))
      .then([fundsAllocated({ allocationId: 'ALLOC-2', amountMinor: 20_000_001 })]));

  it('refuses to allocate more than the fund holds unallocated', () =>
    given([donationReceived(), fundsAllocated()])
      .when(allocate({ allocationId: 'ALLOC-2', amountMinor: 20_000_002 }, 1))
      .thenThrows(ConflictError, 'allocating 200000.02 KZT to childrens-hospital is more than the 200000.01 KZT the fund holds unallocated'));

  it('refuses any allocation from an empty fund', () =>
    given([]).when(allocate({ amountMinor: 1 })).thenThrows(ConflictError, 'the 0 KZT the fund holds unallocated'));

  it('records a resend with the same allocation id once, even when the fund is now spent', () =>
    given([donationReceived({ amountMinor: 30_000_000 }), fundsAllocated()]).when(allocate()).then([]));

  it('refuses an allocation id already recorded for another cause', () =>
    given([donationReceived(), fundsAllocated()])
      .when(allocate({ cause: 'school-sports' }))
      .thenThrows(ConflictError, 'allocation ALLOC-1 is already recorded with other details'));

  it('refuses another currency and amounts of zero or less', () => {
    given([donationReceived()]).when(allocate({ currency: 'RUB' })).thenThrows(RuleViolationError, 'kept in KZT, not RUB');
    given([donationReceived()]).when(allocate({ amountMinor: 0 })).thenThrows(RuleViolationError, 'more than zero');
  });
});
