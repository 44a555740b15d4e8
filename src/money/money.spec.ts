import { RuleViolationError } from '../decider/domain-errors';
import { minorDigitsOf, toMajorUnits, toMinorUnits } from './money';

describe('money in integers', () => {
  it('knows the minor units of a currency', () => {
    expect(minorDigitsOf('KZT')).toBe(2);
    expect(minorDigitsOf('JPY')).toBe(0);
  });

  it('converts major to minor units exactly, without floating-point drift', () => {
    expect(toMinorUnits(400000, 'KZT')).toBe(40000000);
    expect(toMinorUnits(0.1, 'USD') + toMinorUnits(0.2, 'USD')).toBe(30);
    expect(toMinorUnits(19.99, 'EUR')).toBe(1999);
    expect(toMinorUnits(-2.5, 'USD')).toBe(-250);
    expect(toMajorUnits(40000000, 'KZT')).toBe(400000);
    expect(toMajorUnits(1999, 'EUR')).toBe(19.99);
  });

  it('refuses more decimals than the currency has', () => {
    expect(() => toMinorUnits(1.5, 'JPY')).toThrow(RuleViolationError);
    expect(() => toMinorUnits(1.005, 'KZT')).toThrow(/more than 2 decimals/);
  });
});
