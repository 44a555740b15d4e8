import { RuleViolationError } from '../decider/domain-errors';
import { ageOn, formatRaceTime, parseRaceTime, toUtcInstant } from './instant';

describe('race time', () => {
  it('publishes whole seconds rounded up', () => {
    expect(formatRaceTime(((2 * 60 + 9) * 60 + 44.3) * 1000)).toBe('2:09:45');
    expect(formatRaceTime(((2 * 60 + 30) * 60 + 9) * 1000)).toBe('2:30:09');
    expect(formatRaceTime(100)).toBe('0:00:01');
    expect(formatRaceTime(0)).toBe('0:00:00');
  });

  it('parses published times', () => {
    expect(parseRaceTime('2:30:09')).toBe(9009000);
    expect(parseRaceTime('0:59:59.5')).toBe(3599500);
    expect(() => parseRaceTime('2:61:00')).toThrow(RuleViolationError);
  });

  it('normalises instants to UTC and refuses bare clock times', () => {
    expect(toUtcInstant('2018-04-22T09:00:00+06:00')).toBe('2018-04-22T03:00:00.000Z');
    expect(toUtcInstant('2018-04-21T23:59:59.9-01:00')).toBe('2018-04-22T00:59:59.900Z');
    expect(() => toUtcInstant('2018-04-22T09:00:00')).toThrow(/with an offset/);
    expect(() => toUtcInstant('2018-02-30T09:00:00Z')).toThrow(/real calendar/);
  });

  it('counts age on race day', () => {
    expect(ageOn('2018-04-22', '1983-04-22')).toBe(35);
    expect(ageOn('2018-04-22', '1983-04-23')).toBe(34);
    expect(ageOn('2018-04-22', '2000-02-29')).toBe(18);
  });
});
