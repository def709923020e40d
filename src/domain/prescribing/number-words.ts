/**
 * Quantities in words and figures, as a Schedule 2 or 3 controlled drug prescription needs them:
 * "56 (fifty-six) tablets", "300 mL (three hundred millilitres)".
 * Misuse of Drugs Regulations 2001, reg. 15(1)(f):
 * https://www.legislation.gov.uk/uksi/2001/3998/regulation/15
 *
 * The British convention used here: "and" after "hundred" when tens or units follow ("one hundred
 * and twelve"), and after "thousand" when fewer than a hundred follow ("one thousand and ten");
 * a comma after "thousand" when hundreds follow ("two thousand, five hundred"); a hyphen inside
 * tens and units ("fifty-six"). Figures are written without thousands separators ("2500") so a
 * comma can never be read as a decimal point.
 */

/** The largest quantity written in words. */
export const MAX_QUANTITY_IN_WORDS = 1_000_000;

const SMALL = [
  '', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven',
  'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen',
] as const;
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'] as const;

function belowHundred(n: number): string {
  if (n < 20) return SMALL[n] ?? '';
  const tens = TENS[Math.floor(n / 10)] ?? '';
  const units = n % 10;
  return units === 0 ? tens : `${tens}-${SMALL[units] ?? ''}`;
}

function belowThousand(n: number): string {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds === 0) return belowHundred(rest);
  const head = `${SMALL[hundreds] ?? ''} hundred`;
  return rest === 0 ? head : `${head} and ${belowHundred(rest)}`;
}

/**
 * A whole number from 1 to 1,000,000 in British English words: 2500 → "two thousand, five hundred".
 * Throws a RangeError for anything else (callers check first with `quantityInWordsAndFigures`).
 */
export function integerToWords(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > MAX_QUANTITY_IN_WORDS) {
    throw new RangeError(`Only whole numbers from 1 to ${MAX_QUANTITY_IN_WORDS} are written in words: ${n}`);
  }
  if (n === MAX_QUANTITY_IN_WORDS) return 'one million';
  const thousands = Math.floor(n / 1000);
  const rest = n % 1000;
  if (thousands === 0) return belowThousand(rest);
  const head = `${belowThousand(thousands)} thousand`;
  if (rest === 0) return head;
  if (rest < 100) return `${head} and ${belowHundred(rest)}`;
  return `${head}, ${belowThousand(rest)}`;
}

const WORD_VALUES = new Map<string, number>([
  ...SMALL.slice(1).map((word, i): [string, number] => [word, i + 1]),
  ...TENS.slice(2).map((word, i): [string, number] => [word, (i + 2) * 10]),
]);
const MULTIPLIERS = new Map<string, number>([
  ['hundred', 100],
  ['thousand', 1000],
  ['million', 1_000_000],
]);

function isNumberWord(token: string): boolean {
  return WORD_VALUES.has(token) || MULTIPLIERS.has(token);
}

/** A word naming a unit after the number ("tablets", "mL", "pre-filled syringes"), ignored when reading. */
function isUnitWord(token: string): boolean {
  if (['ml', 'mls', 'millilitre', 'millilitres', 'milliliters', 'x'].includes(token)) return true;
  return Object.values(QUANTITY_UNITS).some((unit) =>
    [...numberTokens(unit.one), ...numberTokens(unit.many), ...('symbol' in unit ? numberTokens(unit.symbol) : [])].includes(token),
  );
}

/** Lower case, hyphens, dashes and commas as spaces, "and" dropped: the shape two spellings share. */
function numberTokens(text: string): string[] {
  return text
    .toLocaleLowerCase('en-GB')
    .replace(/[,\u2010-\u2015-]/g, ' ')
    .split(/\s+/)
    .filter((token) => token !== '' && token !== 'and');
}

/**
 * Reads a quantity written in words back to a number, so that words edited by the prescriber can
 * be checked against the figures. Accepts the spellings a prescriber might type ("Fifty six",
 * "one hundred twelve", "fifty-six tablets": unit names after the number are ignored) but only
 * when they name exactly one number the way `integerToWords` would; returns null otherwise
 * ("five fifty", "56", "about sixty").
 */
export function parseQuantityWords(text: string): number | null {
  const tokens = numberTokens(text);
  while (tokens.length > 0 && isUnitWord(tokens[tokens.length - 1] ?? '')) tokens.pop();
  if (tokens.length === 0 || !tokens.every(isNumberWord)) return null;

  let total = 0;
  let group = 0;
  for (const token of tokens) {
    const value = WORD_VALUES.get(token);
    if (value !== undefined) {
      group += value;
      continue;
    }
    const multiplier = MULTIPLIERS.get(token) ?? 1;
    if (multiplier === 100) group = (group === 0 ? 1 : group) * 100;
    else {
      total += (group === 0 ? 1 : group) * multiplier;
      group = 0;
    }
  }
  const n = total + group;
  if (n < 1 || n > MAX_QUANTITY_IN_WORDS) return null;
  // Strict: the words must be the canonical words for n, give or take hyphens, commas and "and".
  const canonical = numberTokens(integerToWords(n));
  return canonical.length === tokens.length && canonical.every((word, i) => word === tokens[i]) ? n : null;
}

/** True when the words name exactly the figure: "fifty-six" and 56. */
export function wordsAgreeWithFigures(words: string, quantity: number): boolean {
  return parseQuantityWords(words) === quantity;
}

/**
 * The units a quantity is prescribed in. Counted units are dosage units ("56 (fifty-six) tablets");
 * measured units are totals of a liquid or semi-solid ("300 mL (three hundred millilitres)"),
 * which is how reg. 15 wants a liquid: the total volume, not a number of bottles.
 */
export const QUANTITY_UNITS = {
  tablet: { kind: 'count', one: 'tablet', many: 'tablets' },
  capsule: { kind: 'count', one: 'capsule', many: 'capsules' },
  mL: { kind: 'measure', symbol: 'mL', one: 'millilitre', many: 'millilitres' },
  g: { kind: 'measure', symbol: 'g', one: 'gram', many: 'grams' },
  patch: { kind: 'count', one: 'patch', many: 'patches' },
  sachet: { kind: 'count', one: 'sachet', many: 'sachets' },
  suppository: { kind: 'count', one: 'suppository', many: 'suppositories' },
  pessary: { kind: 'count', one: 'pessary', many: 'pessaries' },
  ampoule: { kind: 'count', one: 'ampoule', many: 'ampoules' },
  vial: { kind: 'count', one: 'vial', many: 'vials' },
  'pre-filled syringe': { kind: 'count', one: 'pre-filled syringe', many: 'pre-filled syringes' },
  film: { kind: 'count', one: 'film', many: 'films' },
  lozenge: { kind: 'count', one: 'lozenge', many: 'lozenges' },
  inhaler: { kind: 'count', one: 'inhaler', many: 'inhalers' },
} as const satisfies Record<
  string,
  { kind: 'count'; one: string; many: string } | { kind: 'measure'; symbol: string; one: string; many: string }
>;
export type QuantityUnit = keyof typeof QUANTITY_UNITS;
export const QUANTITY_UNIT_KEYS = Object.keys(QUANTITY_UNITS) as [QuantityUnit, ...QuantityUnit[]];

export type QuantityText =
  | { ok: true; words: string; text: string }
  | { ok: false; reason: string };

/**
 * The total quantity in figures and words, in the order pharmacists expect:
 * 56 tablets → "56 (fifty-six) tablets"; 300 mL → "300 mL (three hundred millilitres)";
 * 1 patch → "1 (one) patch". Pass `words` to print words the prescriber edited (they are checked
 * separately by `wordsAgreeWithFigures`).
 *
 * Decimals are refused with a reason rather than written as "two point five": a Schedule 2 or 3
 * quantity is a number of dosage units or a total volume, and a total in whole millilitres
 * (or a count of pre-filled syringes) is always possible and cannot be misread.
 */
export function quantityInWordsAndFigures(quantity: number, unit: QuantityUnit, words?: string): QuantityText {
  const spec = QUANTITY_UNITS[unit];
  if (!Number.isFinite(quantity) || quantity <= 0) {
    return { ok: false, reason: 'The quantity must be a number greater than 0' };
  }
  if (!Number.isInteger(quantity)) {
    return {
      ok: false,
      reason:
        spec.kind === 'measure'
          ? `Give the total as a whole number of ${spec.many}, like 300 ${spec.symbol}: words cannot carry a decimal point safely`
          : `Give a whole number of ${spec.many}`,
    };
  }
  if (quantity > MAX_QUANTITY_IN_WORDS) {
    return { ok: false, reason: `A quantity above ${MAX_QUANTITY_IN_WORDS} cannot be written in words here` };
  }
  const inWords = words?.trim() || integerToWords(quantity);
  const noun = quantity === 1 ? spec.one : spec.many;
  const text =
    spec.kind === 'measure'
      ? `${quantity} ${spec.symbol} (${inWords} ${noun})`
      : `${quantity} (${inWords}) ${noun}`;
  return { ok: true, words: inWords, text };
}

/** The quantity in figures only, for items that need no words: "28 tablets", "100 mL". */
export function quantityInFigures(quantity: number, unit: QuantityUnit): string {
  const spec = QUANTITY_UNITS[unit];
  if (spec.kind === 'measure') return `${quantity} ${spec.symbol}`;
  return `${quantity} ${quantity === 1 ? spec.one : spec.many}`;
}
