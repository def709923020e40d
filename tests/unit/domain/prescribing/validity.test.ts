import { describe, expect, it } from 'vitest';
import {
  completedMonths,
  completedYears,
  formatCalendarDateUk,
  lastDayOfMonthsBeginningWith,
  londonCalendarDate,
} from '../../../../src/domain/prescribing/calendar-date';
import {
  ageToPrint,
  instalmentDispensingExplanation,
  isUnder12,
  prescriptionValidUntil,
  splitIntoForms,
  validUntil,
} from '../../../../src/domain/prescribing/validity';

describe('validUntil: six months for prescription-only medicines (HMR 2012 reg. 217(5))', () => {
  it.each([
    ['2024-07-19', '2025-01-18'],
    ['2024-01-01', '2024-06-30'],
    ['2024-03-01', '2024-08-31'],
    ['2024-08-31', '2025-02-28'],
    ['2023-08-31', '2024-02-29'],
    ['2024-08-30', '2025-02-28'],
    ['2024-08-29', '2025-02-28'],
    ['2024-08-28', '2025-02-27'],
    ['2024-12-31', '2025-06-30'],
    ['2024-10-31', '2025-04-30'],
    ['2024-02-29', '2024-08-28'],
  ])('dated %s, last day %s', (date, last) => {
    expect(validUntil(date, 'none')).toBe(last);
    expect(validUntil(date, '5')).toBe(last);
  });
});

describe('validUntil: 28 days for Schedules 2, 3 and 4 (MDR 2001 reg. 16)', () => {
  it.each([
    ['2024-03-01', '2024-03-28'],
    ['2024-02-10', '2024-03-08'],
    ['2023-02-10', '2023-03-09'],
    ['2024-12-20', '2025-01-16'],
    ['2024-07-19', '2024-08-15'],
  ])('dated %s, last day %s', (date, last) => {
    for (const schedule of ['2', '3', '4'] as const) expect(validUntil(date, schedule)).toBe(last);
  });

  it('reads an instant on the London calendar', () => {
    // 23:30 UTC on 18 July 2024 is 00:30 on 19 July in London (BST).
    expect(validUntil(new Date('2024-07-18T23:30:00Z'), '2')).toBe('2024-08-15');
    expect(validUntil('2024-07-19T09:00:00+01:00', 'none')).toBe('2025-01-18');
  });

  it('gives a whole prescription the shortest validity of its items', () => {
    expect(prescriptionValidUntil('2024-07-19', ['none', '4'])).toBe('2024-08-15');
    expect(prescriptionValidUntil('2024-07-19', ['none', '5'])).toBe('2025-01-18');
  });
});

describe('calendar dates', () => {
  it('crosses the clock change without losing a day', () => {
    expect(londonCalendarDate('2024-03-31T00:30:00Z')).toBe('2024-03-31');
    expect(londonCalendarDate('2024-10-26T23:30:00Z')).toBe('2024-10-27');
    expect(validUntil('2024-03-30', '2')).toBe('2024-04-26');
  });
  it('formats the UK way', () => {
    expect(formatCalendarDateUk('2025-01-18')).toBe('18/01/2025');
  });
  it('refuses dates that do not exist', () => {
    expect(() => lastDayOfMonthsBeginningWith('2023-02-29', 6)).toThrow(RangeError);
    expect(() => londonCalendarDate('not a date')).toThrow(RangeError);
  });
});

describe('age and the under-12 rule (HMR 2012 reg. 217(4)(e))', () => {
  it('is 11 the day before the 12th birthday and 12 on it', () => {
    expect(ageToPrint('2012-07-20', '2024-07-19')).toBe('11 years');
    expect(isUnder12('2012-07-20', '2024-07-19')).toBe(true);
    expect(ageToPrint('2012-07-19', '2024-07-19')).toBeNull();
    expect(isUnder12('2012-07-19', '2024-07-19')).toBe(false);
  });
  it('counts a 29 February birthday from 1 March in other years', () => {
    expect(completedYears('2016-02-29', '2023-02-28')).toBe(6);
    expect(completedYears('2016-02-29', '2023-03-01')).toBe(7);
    expect(completedYears('2016-02-29', '2024-02-29')).toBe(8);
    // The 12th birthday of someone born on 29 February always falls in a leap year here.
    expect(isUnder12('2012-02-29', '2024-02-28')).toBe(true);
    expect(isUnder12('2012-02-29', '2024-02-29')).toBe(false);
  });
  it('uses the date of the prescription, not today', () => {
    expect(ageToPrint('2020-12-31', new Date('2024-12-31T00:30:00Z'))).toBe('4 years');
    expect(ageToPrint('2020-12-31', new Date('2024-12-30T23:30:00Z'))).toBe('3 years');
  });
  it('gives one year, months for babies and days for the newborn', () => {
    expect(ageToPrint('2023-07-19', '2024-07-19')).toBe('1 year');
    expect(ageToPrint('2023-11-10', '2024-07-19')).toBe('8 months');
    expect(ageToPrint('2024-06-19', '2024-07-19')).toBe('1 month');
    expect(ageToPrint('2024-07-10', '2024-07-19')).toBe('9 days');
    expect(ageToPrint('2024-07-18', '2024-07-19')).toBe('1 day');
    expect(completedMonths('2024-01-31', '2024-02-29')).toBe(1);
    expect(completedMonths('2024-01-31', '2024-02-28')).toBe(0);
  });
  it('prints nothing for an unknown or impossible date of birth', () => {
    expect(ageToPrint('', '2024-07-19')).toBeNull();
    expect(ageToPrint('2025-01-01', '2024-07-19')).toBeNull();
  });
});

describe('splitIntoForms: at most four items per form in England', () => {
  it.each([
    [0, []],
    [1, [1]],
    [4, [4]],
    [5, [4, 1]],
    [8, [4, 4]],
    [9, [4, 4, 1]],
  ])('%i items → forms of %j', (count, sizes) => {
    const items = Array.from({ length: count }, (_, i) => i);
    const forms = splitIntoForms(items);
    expect(forms.map((form) => form.length)).toEqual(sizes);
    expect(forms.flat()).toEqual(items);
  });
  it('refuses a form with no room', () => {
    expect(() => splitIntoForms([1], 0)).toThrow(RangeError);
  });
});

describe('instalment dispensing', () => {
  it('says it is out of scope and which form to use', () => {
    const text = instalmentDispensingExplanation();
    expect(text).toContain('cannot');
    expect(text).toContain('FP10MDA');
  });
});
