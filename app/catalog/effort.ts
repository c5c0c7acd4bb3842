/**
 * A course's effort as people say it: "about 20 minutes" under an hour,
 * else hours to the nearest half ("about 1.5 hours"), never "0.5 hours".
 */
export type Effort = { unit: "minutes" | "hours"; n: number };

export function courseEffort(minutes: number): Effort {
  if (minutes < 55) return { unit: "minutes", n: Math.max(5, Math.round(minutes / 5) * 5) };
  return { unit: "hours", n: Math.max(1, Math.round((minutes / 60) * 2) / 2) };
}
