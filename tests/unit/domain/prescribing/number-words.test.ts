import { describe, expect, it } from 'vitest';
import {
  QUANTITY_UNIT_KEYS,
  integerToWords,
  parseQuantityWords,
  quantityInFigures,
  quantityInWordsAndFigures,
  wordsAgreeWithFigures,
} from '../../../../src/domain/prescribing/number-words';

describe('integerToWords (British English)', () => {
  it.each([
    [1, 'one'],
    [11, 'eleven'],
    [20, 'twenty'],
    [21, 'twenty-one'],
    [56, 'fifty-six'],
    [99, 'ninety-nine'],
    [100, 'one hundred'],
    [101, 'one hundred and one'],
    [110, 'one hundred and ten'],
    [112, 'one hundred and twelve'],
    [999, 'nine hundred and ninety-nine'],
    [1000, 'one thousand'],
    [1001, 'one thousand and one'],
    [1010, 'one thousand and ten'],
    [1100, 'one thousand, one hundred'],
    [2500, 'two thousand, five hundred'],
    [12345, 'twelve thousand, three hundred and forty-five'],
    [100000, 'one hundred thousand'],
    [101000, 'one hundred and one thousand'],
    [999999, 'nine hundred and ninety-nine thousand, nine hundred and ninety-nine'],
    [1000000, 'one million'],
  ])('%i → %s', (n, words) => {
    expect(integerToWords(n)).toBe(words);
  });

  it.each([0, -3, 2.5, 1_000_001, Number.NaN])('refuses %s', (n) => {
    expect(() => integerToWords(n)).toThrow(RangeError);
  });
});

describe('parseQuantityWords', () => {
  it('reads back every number it writes', () => {
    for (let n = 1; n <= 100_000; n += n < 2000 ? 1 : 97) {
      expect(parseQuantityWords(integerToWords(n))).toBe(n);
    }
    expect(parseQuantityWords('one million')).toBe(1_000_000);
  });

  it('accepts the spellings a prescriber types', () => {
    expect(parseQuantityWords('Fifty six')).toBe(56);
    expect(parseQuantityWords('FIFTY-SIX')).toBe(56);
    expect(parseQuantityWords('one hundred twelve')).toBe(112);
    expect(parseQuantityWords('two thousand five hundred')).toBe(2500);
    expect(parseQuantityWords('  twenty–eight  ')).toBe(28);
  });

  it('ignores unit words after the number', () => {
    expect(parseQuantityWords('fifty-six tablets')).toBe(56);
    expect(parseQuantityWords('three hundred millilitres')).toBe(300);
  });

  it.each(['', '56', 'five fifty', 'fifty fifty', 'about sixty', 'sixty about five', 'hundred', 'tablets', 'one one'])(
    'cannot read %j',
    (text) => {
      expect(parseQuantityWords(text)).toBeNull();
    },
  );
});

describe('words and figures that disagree', () => {
  it('agree when the words name the figure', () => {
    expect(wordsAgreeWithFigures('fifty-six', 56)).toBe(true);
  });
  it('disagree when the prescriber swapped the digits in words', () => {
    expect(wordsAgreeWithFigures('sixty-five', 56)).toBe(false);
  });
  it('disagree when the words cannot be read', () => {
    expect(wordsAgreeWithFigures('fifty sicks', 56)).toBe(false);
  });
});

describe('quantityInWordsAndFigures', () => {
  it('counts tablets: figures, words in brackets, then the unit', () => {
    expect(quantityInWordsAndFigures(56, 'tablet')).toEqual({ ok: true, words: 'fifty-six', text: '56 (fifty-six) tablets' });
  });
  it('uses the singular for one', () => {
    expect(quantityInWordsAndFigures(1, 'patch')).toMatchObject({ text: '1 (one) patch' });
    expect(quantityInWordsAndFigures(1, 'mL')).toMatchObject({ text: '1 mL (one millilitre)' });
  });
  it('gives liquids as total millilitres', () => {
    expect(quantityInWordsAndFigures(300, 'mL')).toMatchObject({ text: '300 mL (three hundred millilitres)' });
  });
  it('pluralises irregular units', () => {
    expect(quantityInWordsAndFigures(10, 'suppository')).toMatchObject({ text: '10 (ten) suppositories' });
    expect(quantityInWordsAndFigures(2, 'patch')).toMatchObject({ text: '2 (two) patches' });
    expect(quantityInWordsAndFigures(4, 'pre-filled syringe')).toMatchObject({ text: '4 (four) pre-filled syringes' });
  });
  it('writes figures without thousands separators', () => {
    expect(quantityInWordsAndFigures(2500, 'mL')).toMatchObject({ text: '2500 mL (two thousand, five hundred millilitres)' });
  });
  it('prints words the prescriber edited', () => {
    expect(quantityInWordsAndFigures(56, 'tablet', 'Fifty six')).toMatchObject({ text: '56 (Fifty six) tablets' });
  });
  it('refuses a decimal volume, with a reason', () => {
    const result = quantityInWordsAndFigures(2.5, 'mL');
    expect(result.ok).toBe(false);
    expect(result).toMatchObject({ reason: expect.stringContaining('whole number of millilitres') });
  });
  it('refuses half a tablet, zero and too much', () => {
    expect(quantityInWordsAndFigures(0.5, 'tablet')).toMatchObject({ ok: false, reason: 'Give a whole number of tablets' });
    expect(quantityInWordsAndFigures(0, 'tablet')).toMatchObject({ ok: false });
    expect(quantityInWordsAndFigures(-5, 'tablet')).toMatchObject({ ok: false });
    expect(quantityInWordsAndFigures(2_000_000, 'mL')).toMatchObject({ ok: false });
  });
  it('has a plural for every unit', () => {
    for (const unit of QUANTITY_UNIT_KEYS) {
      expect(quantityInWordsAndFigures(2, unit)).toMatchObject({ ok: true });
    }
  });
});

describe('quantityInFigures', () => {
  it('writes counts and measures', () => {
    expect(quantityInFigures(28, 'capsule')).toBe('28 capsules');
    expect(quantityInFigures(2.5, 'mL')).toBe('2.5 mL');
    expect(quantityInFigures(1, 'inhaler')).toBe('1 inhaler');
  });
});

describe('parseQuantityWords and unit names', () => {
  it('ignores only unit names after the number', () => {
    expect(parseQuantityWords('four pre-filled syringes')).toBe(4);
    expect(parseQuantityWords('two hundred mL')).toBe(200);
    expect(parseQuantityWords('fifty sicks')).toBeNull();
    expect(parseQuantityWords('fifty-six tablets please')).toBeNull();
  });
});
