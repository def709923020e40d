/**
 * Dates and times as the brief requires: stored as ISO 8601 with the Europe/London offset of that
 * instant (so 19/07/2024 09:00 is `2024-07-19T09:00:00+01:00`), shown in UK formats, 24-hour clock.
 * Pure functions over Intl, correct across clock changes because the offset is computed per instant.
 */
const LONDON = 'Europe/London';

const partsFormatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

interface LondonParts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
}

function londonParts(instant: Date): LondonParts {
  const parts: Record<string, string> = {};
  for (const part of partsFormatter.formatToParts(instant)) parts[part.type] = part.value;
  return {
    year: parts.year ?? '',
    month: parts.month ?? '',
    day: parts.day ?? '',
    hour: parts.hour ?? '',
    minute: parts.minute ?? '',
    second: parts.second ?? '',
  };
}

/** Minutes east of UTC in London at that instant: 0 in winter (GMT), 60 in summer (BST). */
export function londonOffsetMinutes(instant: Date): number {
  const p = londonParts(instant);
  const asUtc = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60000);
}

/** ISO 8601 with London's offset at that instant, to the second: `2024-07-19T09:00:00+01:00`. */
export function toLondonIso(instant: Date): string {
  const p = londonParts(instant);
  const offset = londonOffsetMinutes(instant);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${sign}${hh}:${mm}`;
}

/** `19/07/2024` */
export function formatUkDate(instant: Date): string {
  const p = londonParts(instant);
  return `${p.day}/${p.month}/${p.year}`;
}

/** `19/07/2024 09:00` */
export function formatUkDateTime(instant: Date): string {
  const p = londonParts(instant);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** `09:00:12`: the "Saved 10:42:13" indicator. */
export function formatUkTime(instant: Date, withSeconds = true): string {
  const p = londonParts(instant);
  return withSeconds ? `${p.hour}:${p.minute}:${p.second}` : `${p.hour}:${p.minute}`;
}

/** Matches the ISO strings this module writes (an offset is required, never a bare local time). */
export const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})$/;

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * A date and time typed as London wall-clock time ("2024-07-19T09:30", as a datetime-local input
 * gives it) → ISO with London's offset at that moment. Null when it is not a real time.
 */
export function fromLondonLocal(local: string): string | null {
  const m = LOCAL_INPUT.exec(local.trim());
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(wall);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59) return null;
  // The offset depends on the instant itself; two passes settle it either side of a clock change.
  let instant = new Date(wall - londonOffsetMinutes(new Date(wall)) * 60_000);
  instant = new Date(wall - londonOffsetMinutes(instant) * 60_000);
  return toLondonIso(instant);
}

/** An ISO time → the London wall-clock value a datetime-local input shows ("2024-07-19T09:30"). */
export function toLondonLocal(iso: string): string {
  return toLondonIso(new Date(iso)).slice(0, 16);
}
