import { Gender } from '../registration/entry-events';
import { NamePools, SyntheticField } from './seed-facts';
import { SeededRandom } from './seeded-random';

/**
 * The country of every synthetic entrant of an edition, drawn by weight. Every country the edition
 * lists is represented: a small field (a scaled-down seed) would otherwise lose the rare ones, so a
 * missing country takes the place of a home-country entrant.
 */
export const countriesOfField = (
  total: number,
  weights: Record<string, number>,
  homeCountry: string,
  random: SeededRandom,
): string[] => {
  const countries = Array.from({ length: total }, () => random.weighted(weights));
  const missing = Object.keys(weights).filter((country) => !countries.includes(country));
  const home = countries.flatMap((country, index) => (country === homeCountry ? [index] : []));
  if (missing.length > home.length) {
    throw new Error(`${total} synthetic entrants cannot represent all ${Object.keys(weights).length} countries`);
  }
  missing.forEach((country, index) => (countries[home[Math.floor((index * home.length) / missing.length)]!] = country));
  return countries;
};

export const nameFor = (
  country: string,
  gender: Gender,
  names: NamePools,
  random: SeededRandom,
): { firstName: string; lastName: string } => {
  const traditions = names.countries[country];
  if (!traditions) throw new Error(`seeds/names.json has no names for ${country}`);
  const pool = names.pools[random.weighted(traditions)]!;
  const lastNames = Array.isArray(pool.last) ? pool.last : pool.last[gender];
  return { firstName: random.pick(pool.first[gender]), lastName: random.pick(lastNames) };
};

/** An age in whole years from the field's spread, inside the race's age limits. */
export const ageFor = (spec: SyntheticField['age'], limits: { minAge: number; maxAge?: number }, random: SeededRandom): number => {
  const youngest = Math.max(spec.min, limits.minAge);
  const oldest = Math.min(spec.max, limits.maxAge ?? spec.max);
  if (youngest > oldest) throw new Error(`no age between ${youngest} and ${oldest}`);
  for (;;) {
    const age = Math.round(spec.mean + spec.sd * random.normal());
    if (age >= youngest && age <= oldest) return age;
  }
};

/**
 * A date of birth that makes the runner exactly `age` on race day: up to 364 days before their
 * `age`-th birthday, so the birthday has always passed and the next one has not.
 */
export const dateOfBirthFor = (raceDate: string, age: number, random: SeededRandom): string => {
  const [year, month, day] = raceDate.split('-').map(Number);
  const birthday = Date.UTC(year! - age, month! - 1, day!);
  const daysBefore = Math.floor(random.next() * 365);
  return new Date(birthday - daysBefore * 86_400_000).toISOString().slice(0, 10);
};
