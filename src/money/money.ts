import { RuleViolationError } from '../decider/domain-errors';

/** Digits after the decimal point in a currency's major unit (KZT 2, JPY 0), as ISO 4217 defines them. */
export const minorDigitsOf = (currency: string): number =>
  new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;

/**
 * An amount in the API's major unit (400000 = 400,000 KZT) to an exact integer of minor units.
 * Refuses more decimals than the currency has, instead of rounding money.
 */
export const toMinorUnits = (amount: number, currency: string, field = 'amount'): number => {
  const digits = minorDigitsOf(currency);
  const [whole, fraction = ''] = String(amount).split('.');
  if (!Number.isFinite(amount) || /e/i.test(String(amount)) || fraction.length > digits) {
    throw new RuleViolationError(`${field} ${amount} has more than ${digits} decimals for ${currency}`);
  }
  const minor = Number(whole) * 10 ** digits + Math.sign(amount) * Number(fraction.padEnd(digits, '0') || '0');
  if (!Number.isSafeInteger(minor)) throw new RuleViolationError(`${field} ${amount} is too large`);
  return minor;
};

/** Minor units back to the API's major unit; exact for any safe integer of minor units. */
export const toMajorUnits = (minor: number, currency: string): number => {
  const digits = minorDigitsOf(currency);
  return Number((minor / 10 ** digits).toFixed(digits));
};

/** Minor units as a person reads money in a message: `400000 KZT`, `7500.5 KZT`. */
export const formatMoney = (minor: number, currency: string): string => `${toMajorUnits(minor, currency)} ${currency}`;
