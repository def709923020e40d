import { describe, expect, it } from 'vitest';
import { isWinAnsi, toWinAnsi } from '../../../src/pdf/win-ansi';

describe('toWinAnsi', () => {
  it('keeps every WinAnsi character as it is', () => {
    const text = 'Zoë O’Brien-Smith, 37.5°C – “quoted” ‘single’ … € ½ ± × µ ß Ø Š Œ • — ™ ©';
    expect(toWinAnsi(text)).toEqual({ text, altered: false });
  });

  it.each([
    ['≥ 3 days, ≤ 5, ≠ 0, ≈ 2', '>= 3 days, <= 5, != 0, ~ 2'],
    ['BP ↑, HR ↓, A → B', 'BP (up), HR (down), A -> B'],
    ['−5 ℃', '-5 °C'],
    ['SpO₂ 94%, m²', 'SpO2 94%, m²'],
    ['ﬁbrosis', 'fibrosis'],
    ['⅓ tablet', '1/3 tablet'],
  ])('spells symbols in WinAnsi: %s', (input, expected) => {
    expect(toWinAnsi(input)).toEqual({ text: expected, altered: false });
  });

  it.each([
    ['Łukasz', 'Lukasz'],
    ['Nguyễn', 'Nguyên'],
    ['Đorđević', 'Dordevic'],
    ['Erdős', 'Erdös'],
    ['Ștefan Ağaoğlu', 'Stefan Agaoglu'],
    ['Αλέξανδρος Παπαδόπουλος', 'Alexandros Papadopoulos'],
    ['ΑΛΕΞΑΝΔΡΟΣ', 'ALEXANDROS'],
    ['Иван Жуков', 'Ivan Zhukov'],
    ['Олександр Їжак', 'Oleksandr Yizhak'],
    ['β-blocker, 5 μg, Δ: tonsillitis', 'beta-blocker, 5 µg, Delta: tonsillitis'],
    ['Feels 😀 👍🏽 👨‍👩‍👧 🇬🇧 1️⃣', 'Feels [emoji] [emoji] [emoji] [emoji] 1'],
    ['王小明', '[U+738B][U+5C0F][U+660E]'],
  ])('transliterates or marks what it cannot print, and says so: %s', (input, expected) => {
    expect(toWinAnsi(input)).toEqual({ text: expected, altered: true });
  });

  it('normalises line breaks, tabs, unusual spaces and invisible characters', () => {
    expect(toWinAnsi('a\r\nb\rc\u2028d\te\u00a0f\u2009g\u200bh\u00adi\ufeffj').text).toBe('a\nb\nc\nd    e f gh' + 'ij');
  });

  it('composes a letter and its accent first (e + ◌́ is é)', () => {
    expect(toWinAnsi('Zoe\u0308 Rene\u0301e')).toEqual({ text: 'Zoë Renée', altered: false });
  });

  it('always returns text Helvetica can draw', () => {
    const everything = Array.from({ length: 0x3000 }, (_, code) => String.fromCodePoint(code)).join('') + '😀🇬🇧𝔸';
    const { text } = toWinAnsi(everything);
    expect([...text].filter((char) => char !== '\n' && !isWinAnsi(char))).toEqual([]);
  });
});
