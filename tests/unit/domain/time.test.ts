import { describe, expect, it } from 'vitest';
import { formatUkDate, formatUkDateTime, formatUkTime, ISO_WITH_OFFSET, londonOffsetMinutes, toLondonIso } from '../../../src/domain/time';

const at = (iso: string) => new Date(iso);

describe('toLondonIso', () => {
  it.each([
    ['summer (BST)', '2024-07-19T08:00:00Z', '2024-07-19T09:00:00+01:00'],
    ['winter (GMT)', '2024-01-15T12:00:00Z', '2024-01-15T12:00:00+00:00'],
    ['a summer night that is the next day in London', '2024-07-18T23:30:00Z', '2024-07-19T00:30:00+01:00'],
    ['New Year in GMT', '2024-12-31T23:59:59Z', '2024-12-31T23:59:59+00:00'],
    ['a leap day', '2024-02-29T10:15:30Z', '2024-02-29T10:15:30+00:00'],
  ])('writes %s with its offset', (_when, instant, expected) => {
    expect(toLondonIso(at(instant))).toBe(expected);
  });

  it('drops milliseconds without changing the second or the offset', () => {
    expect(toLondonIso(at('2024-07-19T08:00:00.999Z'))).toBe('2024-07-19T09:00:00+01:00');
  });

  describe('clocks going forward on 31 March 2024 (01:00 GMT becomes 02:00 BST)', () => {
    it.each([
      ['2024-03-31T00:59:59Z', '2024-03-31T00:59:59+00:00', 0],
      ['2024-03-31T01:00:00Z', '2024-03-31T02:00:00+01:00', 60],
      ['2024-03-31T01:30:00Z', '2024-03-31T02:30:00+01:00', 60],
    ])('%s is %s', (instant, expected, offset) => {
      expect(toLondonIso(at(instant))).toBe(expected);
      expect(londonOffsetMinutes(at(instant))).toBe(offset);
    });
  });

  describe('clocks going back on 27 October 2024 (02:00 BST becomes 01:00 GMT)', () => {
    it.each([
      ['2024-10-27T00:30:00Z', '2024-10-27T01:30:00+01:00', 60],
      ['2024-10-27T00:59:59Z', '2024-10-27T01:59:59+01:00', 60],
      ['2024-10-27T01:00:00Z', '2024-10-27T01:00:00+00:00', 0],
      ['2024-10-27T01:30:00Z', '2024-10-27T01:30:00+00:00', 0],
    ])('%s is %s', (instant, expected, offset) => {
      expect(toLondonIso(at(instant))).toBe(expected);
      expect(londonOffsetMinutes(at(instant))).toBe(offset);
    });

    it('tells the two 01:30s apart by their offsets', () => {
      const first = toLondonIso(at('2024-10-27T00:30:00Z'));
      const second = toLondonIso(at('2024-10-27T01:30:00Z'));
      expect(first).not.toBe(second);
      expect(new Date(second).getTime() - new Date(first).getTime()).toBe(60 * 60 * 1000);
    });
  });

  it('names the same instant, and has the summer offset exactly between the 2024 clock changes, every hour of the year', () => {
    const springForward = Date.parse('2024-03-31T01:00:00Z');
    const fallBack = Date.parse('2024-10-27T01:00:00Z');
    for (let t = Date.parse('2024-01-01T00:00:00Z'); t < Date.parse('2025-01-01T00:00:00Z'); t += 3_600_000) {
      const iso = toLondonIso(new Date(t));
      expect(iso).toMatch(ISO_WITH_OFFSET);
      expect(Date.parse(iso)).toBe(t);
      expect(londonOffsetMinutes(new Date(t))).toBe(t >= springForward && t < fallBack ? 60 : 0);
    }
  });
});

describe('UK formats', () => {
  it('shows dates as day/month/year in London', () => {
    expect(formatUkDate(at('2024-07-19T08:00:00Z'))).toBe('19/07/2024');
    expect(formatUkDate(at('2024-07-18T23:30:00Z'))).toBe('19/07/2024');
    expect(formatUkDate(at('2024-01-05T23:30:00Z'))).toBe('05/01/2024');
  });

  it('shows times on the 24-hour clock in London', () => {
    expect(formatUkDateTime(at('2024-07-19T08:00:00Z'))).toBe('19/07/2024 09:00');
    expect(formatUkDateTime(at('2024-07-18T23:05:00Z'))).toBe('19/07/2024 00:05');
    expect(formatUkDateTime(at('2024-01-15T17:45:00Z'))).toBe('15/01/2024 17:45');
    expect(formatUkTime(at('2024-07-19T09:42:13Z'))).toBe('10:42:13');
    expect(formatUkTime(at('2024-07-19T09:42:13Z'), false)).toBe('10:42');
  });

  it('shows local time across the clock change', () => {
    expect(formatUkDateTime(at('2024-10-27T00:30:00Z'))).toBe('27/10/2024 01:30');
    expect(formatUkDateTime(at('2024-10-27T01:30:00Z'))).toBe('27/10/2024 01:30');
    expect(formatUkDateTime(at('2024-03-31T01:00:00Z'))).toBe('31/03/2024 02:00');
  });
});

describe('ISO_WITH_OFFSET', () => {
  it.each(['2024-07-19T09:00:00+01:00', '2024-01-15T12:00:00+00:00', '2024-07-19T08:00:00Z', '2024-07-19T08:00:00.123Z'])('accepts %s', (iso) => {
    expect(ISO_WITH_OFFSET.test(iso)).toBe(true);
  });

  it.each(['2024-07-19T09:00:00', '2024-07-19 09:00:00+01:00', '2024-07-19T09:00+01:00', '19/07/2024 09:00', '2024-07-19'])(
    'refuses %s, which has no offset or is not ISO',
    (iso) => {
      expect(ISO_WITH_OFFSET.test(iso)).toBe(false);
    },
  );
});
