const wallClock = (instantMs: number, timeZone: string): number => {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const parts = Object.fromEntries(format.formatToParts(instantMs).map((part) => [part.type, Number(part.value)]));
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
};

/**
 * The instant a wall clock in a time zone shows a time on a date (09:00 on 2017-04-23 in Asia/Almaty is
 * 03:00Z). The zone's offset is taken at the instant itself, found in two steps, so a clock-change day
 * gets the offset in force at that hour.
 */
export const zonedInstant = (date: string, time: string, timeZone: string): string => {
  const wall = Date.parse(`${date}T${time}:00.000Z`);
  const guess = wall - (wallClock(wall, timeZone) - wall);
  return new Date(wall - (wallClock(guess, timeZone) - guess)).toISOString();
};
