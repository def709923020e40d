/**
 * Controlled drugs common in UK primary care, with their schedule under the Misuse of Drugs
 * Regulations 2001 (as amended): https://www.legislation.gov.uk/uksi/2001/3998/schedules
 * The list is curated, not complete: a prescriber can always mark an item as a controlled drug
 * by hand, and the check uses the stricter of the two. Each entry names where its schedule was
 * checked. Re-check against the BNF when the regulations change.
 */

/** Schedules that change how a prescription is written or how long it is valid. */
export const CD_SCHEDULES = ['2', '3', '4', '5'] as const;
export type CdSchedule = (typeof CD_SCHEDULES)[number];

export interface ControlledDrug {
  /** The substance, as the BNF names it. */
  name: string;
  schedule: CdSchedule;
  /** Schedule 4 is in two parts: 1 (benzodiazepines and Z-drugs), 2 (anabolic steroids). */
  schedule4Part?: 1 | 2;
  /** Names to find within a free-text medicine name: the substance, spellings and brands. */
  matches: readonly string[];
  /** Where the schedule was checked. */
  source: string;
  /** Some substances change schedule with strength or form (morphine, codeine). */
  scheduleFor?: (medicineName: string) => { schedule: CdSchedule; note: string };
}

const MDR = 'Misuse of Drugs Regulations 2001 (as amended)';
const SCH4_1 = `${MDR}, Schedule 4 Part 1, para. 1 (legislation.gov.uk, Sch. 4 Pt. 1)`;
const SCH3_COMMON =
  `${MDR}, Schedule 3; listed as Schedule 3 by NHS West Lancashire CCG "Controlled Drugs (CD) Schedules" ` +
  'and NHS GGC Medicines "Controlled Drug Prescribing"';

/** mg per mL named in a medicine name such as "10mg/5ml" or "20 mg/1 mL"; null when none. */
export function concentrationMgPerMl(medicineName: string): number | null {
  const match = /(\d+(?:\.\d+)?)\s*mg\s*\/\s*(\d+(?:\.\d+)?)?\s*ml\b/i.exec(medicineName);
  if (!match) return null;
  const mg = Number(match[1]);
  const ml = match[2] === undefined ? 1 : Number(match[2]);
  return ml > 0 ? mg / ml : null;
}

function isInjection(medicineName: string): boolean {
  return /\b(injection|inj|ampoules?|infusion)\b/i.test(medicineName);
}

/**
 * Morphine: Schedule 5 when the preparation has no more than 0.2% morphine (MDR 2001 Sch. 5
 * para. 3), which is 2 mg per mL: Oramorph 10 mg/5 mL oral solution. Stronger liquids, tablets,
 * capsules and injections are Schedule 2. With no strength to read, Schedule 2, the stricter.
 */
function morphineSchedule(medicineName: string): { schedule: CdSchedule; note: string } {
  const perMl = concentrationMgPerMl(medicineName);
  if (perMl !== null && perMl <= 2 && !isInjection(medicineName)) {
    return { schedule: '5', note: 'Morphine at 0.2% (2 mg per mL) or less is Schedule 5 (MDR 2001 Sch. 5 para. 3)' };
  }
  return { schedule: '2', note: 'Morphine is Schedule 2 unless a liquid of 2 mg per mL or less' };
}

/**
 * Codeine and dihydrocodeine: Schedule 5 in preparations not for injection with at most 100 mg per
 * dosage unit or 2.5% (MDR 2001 Sch. 5 para. 1), which covers tablets, capsules and linctus in
 * primary care; an injection is Schedule 2.
 */
function codeineSchedule(medicineName: string): { schedule: CdSchedule; note: string } {
  if (isInjection(medicineName)) {
    return { schedule: '2', note: 'An injection is Schedule 2: the Schedule 5 exemption excludes injections' };
  }
  return { schedule: '5', note: 'Not for injection and at most 100 mg per dosage unit: Schedule 5 (MDR 2001 Sch. 5 para. 1)' };
}

export const CONTROLLED_DRUGS: readonly ControlledDrug[] = [
  // Schedule 2
  {
    name: 'Morphine',
    schedule: '2',
    matches: ['morphine', 'zomorph', 'mst', 'mst continus', 'sevredol', 'oramorph', 'mxl', 'morphgesic'],
    source: `${MDR}, Schedule 2; Schedule 5 para. 3 for preparations of 0.2% or less (Oramorph 10 mg/5 mL listed as Schedule 5 by NHS West Lancashire CCG)`,
    scheduleFor: morphineSchedule,
  },
  { name: 'Diamorphine', schedule: '2', matches: ['diamorphine'], source: `${MDR}, Schedule 2` },
  {
    name: 'Oxycodone',
    schedule: '2',
    matches: ['oxycodone', 'oxycontin', 'oxynorm', 'shortec', 'longtec', 'oxypro', 'onexila', 'targinact', 'reltebon'],
    source: `${MDR}, Schedule 2 (BNF)`,
  },
  {
    name: 'Fentanyl',
    schedule: '2',
    matches: ['fentanyl', 'durogesic', 'matrifen', 'mezolar', 'fencino', 'abstral', 'effentora', 'pecfent', 'instanyl', 'victanyl', 'yemex', 'opiodur'],
    source: `${MDR}, Schedule 2 (Numark "Controlled drug legislation": fentanyl is a Schedule 2 CD)`,
  },
  {
    name: 'Methadone',
    schedule: '2',
    matches: ['methadone', 'physeptone', 'methadose', 'metharose'],
    source: `${MDR}, Schedule 2`,
  },
  { name: 'Pethidine', schedule: '2', matches: ['pethidine'], source: `${MDR}, Schedule 2` },
  { name: 'Tapentadol', schedule: '2', matches: ['tapentadol', 'palexia'], source: `${MDR}, Schedule 2 (BNF: CD2)` },
  {
    name: 'Methylphenidate',
    schedule: '2',
    matches: ['methylphenidate', 'ritalin', 'concerta', 'medikinet', 'equasym', 'xaggitin', 'delmosart', 'matoride', 'xenidate', 'affenid'],
    source: `${MDR}, Schedule 2 (listed among Schedule 2 drugs with dexamfetamine, fentanyl and oxycodone)`,
  },
  {
    name: 'Lisdexamfetamine',
    schedule: '2',
    matches: ['lisdexamfetamine', 'lisdexamphetamine', 'elvanse'],
    source: `${MDR}, Schedule 2 from 10 June 2014 (Home Office; NHS NECSU "Recent changes in controlled drug legislation")`,
  },
  {
    name: 'Dexamfetamine',
    schedule: '2',
    matches: ['dexamfetamine', 'dexamphetamine', 'amfexa', 'dexedrine'],
    source: `${MDR}, Schedule 2`,
  },
  // Schedule 3
  {
    name: 'Tramadol',
    schedule: '3',
    matches: ['tramadol', 'zydol', 'zamadol', 'tramquel', 'maxitram', 'marol', 'invodol', 'tradorec', 'zeridame', 'tramacet'],
    source: `${MDR}, Schedule 3 from 10 June 2014, with full prescription-writing requirements (Home Office; NHS NECSU)`,
  },
  {
    name: 'Gabapentin',
    schedule: '3',
    matches: ['gabapentin', 'neurontin'],
    source: `${MDR}, Schedule 3 from 1 April 2019 (GOV.UK "Reclassification of pregabalin and gabapentin to Schedule 3 drugs from 1 April 2019"; CQC)`,
  },
  {
    name: 'Pregabalin',
    schedule: '3',
    matches: ['pregabalin', 'lyrica', 'alzain', 'axalid', 'lecaent'],
    source: `${MDR}, Schedule 3 from 1 April 2019 (GOV.UK "Reclassification of pregabalin and gabapentin to Schedule 3 drugs from 1 April 2019"; CQC)`,
  },
  {
    name: 'Temazepam',
    schedule: '3',
    matches: ['temazepam'],
    source: `${SCH3_COMMON}; full prescription-writing requirements since 1 June 2015 (Misuse of Drugs (Amendment) (No. 2) Regulations 2015)`,
  },
  {
    name: 'Buprenorphine',
    schedule: '3',
    matches: ['buprenorphine', 'butrans', 'butec', 'transtec', 'temgesic', 'subutex', 'espranor', 'suboxone', 'reletrans', 'bupeaze', 'sevodyne', 'buvidal', 'prenotrans', 'hapoctasin'],
    source: SCH3_COMMON,
  },
  { name: 'Midazolam', schedule: '3', matches: ['midazolam', 'buccolam', 'epistatus'], source: SCH3_COMMON },
  {
    name: 'Phenobarbital',
    schedule: '3',
    matches: ['phenobarbital', 'phenobarbitone'],
    source: `${MDR}, Schedule 3 (barbiturates; listed with buprenorphine, temazepam, tramadol and midazolam)`,
  },
  // Schedule 4 Part 1
  ...(
    [
      ['Diazepam', ['diazepam', 'diazemuls', 'stesolid']],
      ['Zopiclone', ['zopiclone', 'zimovane']],
      ['Zolpidem', ['zolpidem', 'stilnoct']],
      ['Zaleplon', ['zaleplon']],
      ['Lorazepam', ['lorazepam', 'ativan']],
      ['Nitrazepam', ['nitrazepam', 'mogadon']],
      ['Clonazepam', ['clonazepam', 'rivotril']],
      ['Chlordiazepoxide', ['chlordiazepoxide', 'librium']],
      ['Oxazepam', ['oxazepam']],
      ['Clobazam', ['clobazam', 'frisium', 'tapclob', 'zacco']],
      ['Alprazolam', ['alprazolam', 'xanax']],
      ['Lormetazepam', ['lormetazepam']],
      ['Loprazolam', ['loprazolam']],
    ] as const
  ).map(([name, matches]): ControlledDrug => ({ name, schedule: '4', schedule4Part: 1, matches, source: SCH4_1 })),
  // Schedule 4 Part 2
  {
    name: 'Testosterone',
    schedule: '4',
    schedule4Part: 2,
    matches: ['testosterone', 'testogel', 'tostran', 'testim', 'nebido', 'sustanon', 'testavan', 'tostrex', 'restandol'],
    source: `${MDR}, Schedule 4 Part 2 (anabolic and androgenic steroids)`,
  },
  // Schedule 5 (with the Schedule 2 exception for injections)
  {
    name: 'Codeine',
    schedule: '5',
    matches: ['codeine', 'co codamol', 'cocodamol', 'solpadol', 'zapain', 'kapake', 'codipar', 'migraleve'],
    source: `${MDR}, Schedule 5 para. 1 (not for injection; at most 100 mg per dosage unit or 2.5%)`,
    scheduleFor: codeineSchedule,
  },
  {
    name: 'Dihydrocodeine',
    schedule: '5',
    matches: ['dihydrocodeine', 'df118', 'dhc continus', 'co dydramol', 'remedeine'],
    source: `${MDR}, Schedule 5 para. 1 (not for injection; at most 100 mg per dosage unit or 2.5%)`,
    scheduleFor: codeineSchedule,
  },
];

/** Lower case, ®/™ dropped, every run of other characters one space, padded for whole-word search. */
function normaliseName(text: string): string {
  const words = text
    .toLocaleLowerCase('en-GB')
    .replace(/[®™]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  return ` ${words} `;
}

export interface ControlledDrugMatch {
  drug: ControlledDrug;
  schedule: CdSchedule;
  /** The name found in the medicine name. */
  matched: string;
  /** Why the schedule differs from the substance's usual one, when strength or form decides it. */
  note?: string;
}

/** Every listed controlled drug named in the medicine name (a combination product may name two). */
export function findControlledDrugs(medicineName: string): ControlledDrugMatch[] {
  const haystack = normaliseName(medicineName);
  const found: ControlledDrugMatch[] = [];
  for (const drug of CONTROLLED_DRUGS) {
    const matched = drug.matches.find((term) => haystack.includes(normaliseName(term)));
    if (matched === undefined) continue;
    const decided = drug.scheduleFor?.(medicineName);
    found.push(decided ? { drug, schedule: decided.schedule, matched, note: decided.note } : { drug, schedule: drug.schedule, matched });
  }
  return found;
}

/**
 * The controlled drug a free-text medicine name refers to, matched case-insensitively on whole
 * words ("Zomorph 10mg capsules" → morphine, Schedule 2); the strictest when several match.
 * Null when nothing on the list matches, which does not prove the medicine is not controlled.
 */
export function findControlledDrug(medicineName: string): ControlledDrugMatch | null {
  const found = findControlledDrugs(medicineName);
  return found.reduce<ControlledDrugMatch | null>(
    (strictest, match) => (strictest === null || Number(match.schedule) < Number(strictest.schedule) ? match : strictest),
    null,
  );
}

/** "Schedule 4 Part 1", "Schedule 2": how the schedule is named in messages. */
export function scheduleLabel(schedule: CdSchedule, part?: 1 | 2): string {
  return schedule === '4' && part ? `Schedule 4 Part ${part}` : `Schedule ${schedule}`;
}
