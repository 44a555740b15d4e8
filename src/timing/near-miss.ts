/**
 * Bibs a mistyped or misread bib could have meant: two neighbouring digits swapped, one digit missing,
 * or one digit extra — the commonest faults at a finish line. The unmatched read is offered to these
 * runners for an organiser to assign; nothing is assigned automatically.
 */
export const nearMissBibs = (bib: string, registered: (candidate: string) => boolean): string[] => {
  const candidates = new Set<string>();
  for (let i = 0; i < bib.length - 1; i++) {
    candidates.add(bib.slice(0, i) + bib[i + 1] + bib[i] + bib.slice(i + 2));
  }
  for (let i = 0; i < bib.length; i++) candidates.add(bib.slice(0, i) + bib.slice(i + 1));
  for (let i = 0; i <= bib.length; i++) {
    for (const digit of '0123456789') candidates.add(bib.slice(0, i) + digit + bib.slice(i));
  }
  candidates.delete(bib);
  return [...candidates].filter((candidate) => candidate !== '' && registered(candidate)).sort();
};
