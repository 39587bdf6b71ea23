const HOUR_MS = 3_600_000;

export interface HourCount {
  /** The hour's first instant (UTC); Vietnam's offset is whole hours, so it is a local hour too. */
  from: string;
  checkIns: number;
}

/** Arrivals per hour from the first hour with one to the last, the hours between with none included. */
export function checkInsByHour(times: string[]): HourCount[] {
  if (!times.length) return [];
  const hours = times.map((at) => Math.floor(Date.parse(at) / HOUR_MS));
  const first = Math.min(...hours);
  const counts = new Array<number>(Math.max(...hours) - first + 1).fill(0);
  for (const hour of hours) counts[hour - first]++;
  return counts.map((checkIns, i) => ({ from: new Date((first + i) * HOUR_MS).toISOString(), checkIns }));
}
