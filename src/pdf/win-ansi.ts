/**
 * Text for jsPDF's built-in fonts. Helvetica, as jsPDF writes it, covers WinAnsiEncoding
 * (Windows-1252) only; every other character comes out as two garbage glyphs. So every string is
 * passed through `toWinAnsi` before it is drawn: WinAnsi characters are kept as they are (°, –, ’,
 * €, ë, é, ß, ½), symbols get an ASCII spelling (≥ → ">="), other scripts and letters are
 * transliterated (Ł → L, ễ → ê, Αλέξανδρος → Alexandros, Иван → Ivan), emoji become "[emoji]"
 * and anything else its code point ("[U+738B]"), so nothing is dropped silently or garbled.
 * No jsPDF here: the content builders use it to tell whether a patient's name had to change.
 */

/** Windows-1252 in 0x80–0x9F: the characters WinAnsi has beyond ASCII and Latin-1. */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/** True for a single character that Helvetica can draw as it is. */
export function isWinAnsi(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  if (char.length !== 1) return false;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa1 && code <= 0xff && code !== 0xad) || WIN_ANSI_EXTRA.has(char);
}

/** Symbols people type or paste into clinical notes, spelled in WinAnsi. Meaning is kept. */
const SYMBOLS: Record<string, string> = {
  '≥': '>=', '≤': '<=', '≠': '!=', '≈': '~', '∼': '~', '−': '-', '∓': '-/+',
  '→': '->', '←': '<-', '↔': '<->', '⇒': '=>', '⇐': '<=', '⇔': '<=>', '↑': '(up)', '↓': '(down)',
  '‐': '-', '‑': '-', '‒': '-', '―': '—', '⁃': '-', '′': "'", '″': '"', '‛': "'", '‟': '"',
  '∙': '·', '⋅': '·', '∗': '*', '∕': '/', '⁄': '/', '∞': 'infinity', '√': 'square root of ',
  '℃': '°C', '℉': '°F', '№': 'No.', '✓': '[tick]', '✔': '[tick]', '✗': '[cross]', '✘': '[cross]',
  '☐': '[ ]', '☑': '[tick]', '☒': '[cross]', '◦': '•', '▪': '•', '■': '•', '●': '•', '○': 'o', '‣': '•',
  '∆': 'delta', '∑': 'sum', '♀': '(female)', '♂': '(male)',
};

/** Latin letters with no decomposition in Unicode, or a closer WinAnsi letter than the bare base. */
const LATIN_LETTERS: Record<string, string> = {
  Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Ħ: 'H', ħ: 'h', ı: 'i', Ŀ: 'L', ŀ: 'l', Ŋ: 'N', ŋ: 'n', Ŧ: 'T', ŧ: 't',
  ſ: 's', ĸ: 'k', Ő: 'Ö', ő: 'ö', Ű: 'Ü', ű: 'ü', ẞ: 'SS', Ə: 'E', ə: 'e', Ɛ: 'E', ɛ: 'e', Ɔ: 'O', ɔ: 'o',
  Ʃ: 'Sh', ʃ: 'sh', ʻ: "'", ʼ: '’', ʽ: '‘', ˈ: "'",
};

/** Modern Greek (ELOT 743, simplified), lowercase; capitals are derived. */
const GREEK: Record<string, string> = {
  α: 'a', β: 'v', γ: 'g', δ: 'd', ε: 'e', ζ: 'z', η: 'i', θ: 'th', ι: 'i', κ: 'k', λ: 'l', μ: 'm',
  ν: 'n', ξ: 'x', ο: 'o', π: 'p', ρ: 'r', σ: 's', ς: 's', τ: 't', υ: 'y', φ: 'f', χ: 'ch', ψ: 'ps', ω: 'o',
};

/** A Greek letter standing alone is a symbol (β-blocker, Δ for diagnosis): spelled by name. */
const GREEK_NAMES: Record<string, string> = {
  α: 'alpha', β: 'beta', γ: 'gamma', δ: 'delta', ε: 'epsilon', ζ: 'zeta', η: 'eta', θ: 'theta',
  ι: 'iota', κ: 'kappa', λ: 'lambda', μ: 'µ', ν: 'nu', ξ: 'xi', ο: 'omicron', π: 'pi', ρ: 'rho',
  σ: 'sigma', ς: 'sigma', τ: 'tau', υ: 'upsilon', φ: 'phi', χ: 'chi', ψ: 'psi', ω: 'omega',
};

/** Cyrillic (Russian, Ukrainian, Belarusian, Bulgarian, Serbian, Macedonian; BGN/PCGN, simplified). */
const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'yo', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k',
  л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts',
  ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya', і: 'i', ї: 'yi', є: 'ye',
  ґ: 'g', ў: 'u', ђ: 'dj', ј: 'j', љ: 'lj', њ: 'nj', ћ: 'c', џ: 'dz', ѓ: 'g', ќ: 'k', ѕ: 'dz',
};

const SPACE = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/u;
const MARK = /\p{M}/u;
const GREEK_LETTER = /\p{Script=Greek}/u;
const PICTOGRAPH = /\p{Extended_Pictographic}/u;
const REGIONAL_INDICATOR = /[\u{1f1e6}-\u{1f1ff}]/u;

function inRanges(char: string, ranges: readonly (readonly [number, number])[]): boolean {
  const code = char.codePointAt(0) ?? -1;
  return ranges.some(([from, to]) => code >= from && code <= to);
}

/** Invisible: soft hyphen, zero-width spaces and joiners, word joiner, variation selectors, BOM. */
function isInvisible(char: string): boolean {
  return inRanges(char, [[0xad, 0xad], [0x180e, 0x180e], [0x200b, 0x200d], [0x2060, 0x2060], [0xfe00, 0xfe0f], [0xfeff, 0xfeff]]);
}

/** What follows a pictograph within one emoji: skin tones, tags, variation selectors, keycap. */
function isEmojiTail(char: string): boolean {
  return inRanges(char, [[0x1f3fb, 0x1f3ff], [0xe0020, 0xe007f], [0xfe0e, 0xfe0f], [0x20e3, 0x20e3]]);
}

export interface WinAnsiText {
  text: string;
  /** True when a letter or other character had to be transliterated or replaced by a placeholder. */
  altered: boolean;
}

function isUpper(char: string | undefined): boolean {
  return char !== undefined && char !== char.toLowerCase() && char === char.toUpperCase();
}

/** `zh` for ж; `Zh` for Ж in a word, `ZH` when the letters around it are capitals too. */
function withCase(latin: string, source: string, before: string | undefined, after: string | undefined): string {
  if (!isUpper(source) || latin === '') return latin;
  if (isUpper(after) || (after === undefined && isUpper(before))) return latin.toUpperCase();
  return latin.charAt(0).toUpperCase() + latin.slice(1);
}

interface Spelling {
  text: string;
  /** False when nothing was lost: SpO₂ → SpO2, ﬁ → fi, ⅓ → 1/3. */
  altered: boolean;
}

/**
 * Through the compatibility decomposition: a letter with marks that WinAnsi lacks becomes the
 * nearest WinAnsi letter (ễ → ê, ă → a, altered), a ligature, subscript or fraction its plain
 * spelling (ﬁ → fi, ₂ → 2, ⅓ → 1/3, not altered).
 */
function decomposed(char: string): Spelling | null {
  const parts = [...char.normalize('NFKD')];
  if (parts.length < 2 && parts[0] === char) return null;
  let out = '';
  let altered = false;
  for (let i = 0; i < parts.length; i += 1) {
    const base = parts[i] ?? '';
    if (MARK.test(base)) continue;
    const marks: string[] = [];
    while (i + 1 < parts.length && MARK.test(parts[i + 1] ?? '')) marks.push(parts[++i] ?? '');
    const withMark = marks.map((mark) => (base + mark).normalize('NFC')).find(isWinAnsi);
    if (withMark !== undefined) out += withMark;
    else if (isWinAnsi(base)) out += base;
    else if (base in SYMBOLS) out += SYMBOLS[base];
    else return null;
    if (marks.length > (withMark === undefined ? 0 : 1)) altered = true;
  }
  return { text: out, altered };
}

function codePointLabel(char: string): string {
  return `[U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}]`;
}

/**
 * Rewrites a text so that every character is one Helvetica can draw. Line breaks become `\n`,
 * tabs four spaces, invisible characters are removed; see the module comment for the rest.
 */
export function toWinAnsi(input: string): WinAnsiText {
  const chars = [...input.replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n').normalize('NFC')];
  let text = '';
  let altered = false;
  for (let i = 0; i < chars.length; i += 1) {
    const char = chars[i] ?? '';
    const before = chars[i - 1];
    const after = chars[i + 1];
    if (char === '\n' || isWinAnsi(char)) {
      text += char;
    } else if (char === '\t') {
      text += '    ';
    } else if (SPACE.test(char)) {
      text += ' ';
    } else if (isInvisible(char) || /\p{Cc}/u.test(char)) {
      continue;
    } else if (char in SYMBOLS) {
      text += SYMBOLS[char];
    } else if (REGIONAL_INDICATOR.test(char)) {
      // A flag is a pair of regional indicators.
      if (REGIONAL_INDICATOR.test(after ?? '')) i += 1;
      text += '[emoji]';
      altered = true;
    } else if (PICTOGRAPH.test(char)) {
      // One emoji may be a sequence: skin tones, variation selectors, keycaps, joined pictographs.
      while (i + 1 < chars.length) {
        const next = chars[i + 1] ?? '';
        if (next === '\u200d' && PICTOGRAPH.test(chars[i + 2] ?? '')) i += 2;
        else if (isEmojiTail(next)) i += 1;
        else break;
      }
      text += '[emoji]';
      altered = true;
    } else {
      const spelling = transliterate(char, before, after) ?? { text: codePointLabel(char), altered: true };
      text += spelling.text;
      altered ||= spelling.altered;
    }
  }
  return { text, altered };
}

/** The lowercase letter without accents: ά → α. */
function bareLetter(char: string | undefined): string {
  return (char ?? '').toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
}

/** Another script's letter in Latin letters, or null when there is no spelling for it. */
function transliterate(char: string, before: string | undefined, after: string | undefined): Spelling | null {
  const latin = latinSpelling(char, before, after);
  return latin === null ? decomposed(char) : { text: latin, altered: true };
}

function latinSpelling(char: string, before: string | undefined, after: string | undefined): string | null {
  if (char in LATIN_LETTERS) return LATIN_LETTERS[char] ?? null;
  if (MARK.test(char)) return '';
  const lower = char.toLowerCase();
  const bare = bareLetter(char);
  if (GREEK_LETTER.test(char) && bare in GREEK) {
    const alone = !GREEK_LETTER.test(before ?? '') && !GREEK_LETTER.test(after ?? '');
    if (alone) {
      const name = GREEK_NAMES[bare] ?? '';
      return isUpper(char) && name !== 'µ' ? name.charAt(0).toUpperCase() + name.slice(1) : name;
    }
    // ου is "ou" in modern Greek, not "oy".
    const latin = bare === 'υ' && bareLetter(before) === 'ο' ? 'u' : (GREEK[bare] ?? '');
    return withCase(latin, char, before, after);
  }
  if (lower in CYRILLIC) return withCase(CYRILLIC[lower] ?? '', char, before, after);
  return null;
}
