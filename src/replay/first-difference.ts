/**
 * Where two JSON documents first part (a path such as `almaty-2018.races.marathon.runners.7.crossings`),
 * or undefined when they are byte-identical. Key order counts: a read model folded from the same log
 * serialises the same way, so a reordering is a difference too.
 */
export const firstDifference = (expected: string, actual: string): string | undefined =>
  expected === actual ? undefined : pathOfDifference(JSON.parse(expected), JSON.parse(actual), '') || '(the whole document)';

const pathOfDifference = (a: unknown, b: unknown, path: string): string => {
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) {
    return path;
  }
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  for (let i = 0; i < Math.max(keysA.length, keysB.length); i++) {
    const key = keysA[i] ?? keysB[i]!;
    const child = path === '' ? key : `${path}.${key}`;
    if (keysA[i] !== keysB[i]) return child;
    const valueA = (a as Record<string, unknown>)[key];
    const valueB = (b as Record<string, unknown>)[key];
    if (JSON.stringify(valueA) !== JSON.stringify(valueB)) return pathOfDifference(valueA, valueB, child);
  }
  return path;
};
