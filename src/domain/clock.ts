/**
 * The one source of "now" for domain and repository code, so tests can freeze time and every
 * record takes its times from one place.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
