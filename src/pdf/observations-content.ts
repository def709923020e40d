import type { DraftObservations } from '../domain/consultation';
import { calculateNews2, NEWS2_BAND_LABELS, type News2Result } from '../domain/news2';
import {
  assessObservations,
  CONSCIOUSNESS_LABELS,
  NUMERIC_OBSERVATIONS,
  OBSERVATION_LIMITS,
  observationsSchema,
  type NumericObservation,
  type ObservationField,
  type Observations,
} from '../domain/observations';
import type { PdfBlock, PdfNote } from './pdf-content';

/**
 * The observations section of a printed consultation: each reading with its unit, the abnormal
 * flags of `assessObservations`, and NEWS2 when all seven of its parameters are present. A draft
 * may still hold a slip (`pulse: '4OO'`): that value is printed as typed and marked unchecked,
 * and the rest are checked without it, so one slip never hides the other readings.
 */

/** What NEWS2 needs, in the chart's order. */
const NEWS2_INPUTS: readonly (readonly [keyof Observations, string])[] = [
  ['respiratoryRate', 'respiratory rate'],
  ['spo2', 'SpO2'],
  ['onOxygen', 'air or oxygen'],
  ['systolic', 'systolic blood pressure'],
  ['pulse', 'pulse'],
  ['consciousness', 'consciousness (ACVPU)'],
  ['temperature', 'temperature'],
];

interface CheckedObservations {
  valid: Observations;
  /** Fields whose typed value failed the check, with the message. */
  invalid: Record<string, string>;
}

function isBlank(value: DraftObservations[keyof DraftObservations]): boolean {
  return value === undefined || (typeof value === 'string' && value.trim() === '');
}

/** Checks what was typed; fields that fail are set aside so that the others still count. */
function checkObservations(typed: DraftObservations): CheckedObservations {
  const invalid: Record<string, string> = {};
  let candidate: Record<string, unknown> = { ...typed };
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const parsed = observationsSchema.safeParse(candidate);
    if (parsed.success) return { valid: parsed.data, invalid };
    for (const issue of parsed.error.issues) {
      invalid[String(issue.path[0] ?? '')] ??= issue.message;
    }
    candidate = Object.fromEntries(Object.entries(candidate).filter(([key]) => !(key in invalid)));
  }
  return { valid: {}, invalid };
}

function withUnit(field: NumericObservation, value: number): string {
  const { unit } = OBSERVATION_LIMITS[field];
  return unit === '%' || unit === '°C' ? `${value}${unit}` : `${value} ${unit}`;
}

function typedText(value: DraftObservations[keyof DraftObservations]): string {
  return `${String(value)} (as typed)`;
}

function news2Block(valid: Observations): PdfBlock {
  const result: News2Result | null = calculateNews2(valid);
  if (result === null) {
    const missing = NEWS2_INPUTS.filter(([key]) => valid[key] === undefined).map(([, label]) => label);
    return {
      kind: 'field',
      label: 'NEWS2',
      value: 'Not calculated',
      tone: 'muted',
      notes: [{ text: `Needs all seven parameters; missing: ${missing.join(', ')}`, tone: 'muted' }],
    };
  }
  const notes: PdfNote[] = [];
  if (result.redScore) notes.push({ text: 'A single parameter scores 3 (red score)', tone: 'alert' });
  if (result.spo2Scale === 2) notes.push({ text: 'SpO2 scored on scale 2 (target 88–92%)', tone: 'normal' });
  notes.push({ text: `Monitoring (RCP NEWS2 chart 4): ${result.monitoring.toLowerCase()}`, tone: 'muted' });
  notes.push({ text: 'NEWS2 was designed for hospital wards: a guide that does not replace clinical judgement', tone: 'muted' });
  return {
    kind: 'field',
    label: 'NEWS2',
    value: `Score ${result.total}: ${NEWS2_BAND_LABELS[result.band]}`,
    tone: result.total >= 5 || result.redScore ? 'alert' : 'strong',
    notes,
  };
}

/** The blocks of the observations section, or a single "Not recorded". */
export function observationBlocks(typed: DraftObservations): PdfBlock[] {
  const { valid, invalid } = checkObservations(typed);
  const flags = new Map<ObservationField, string[]>();
  for (const flag of assessObservations(valid)) flags.set(flag.field, [...(flags.get(flag.field) ?? []), flag.message]);

  const blocks: PdfBlock[] = [];
  const row = (field: ObservationField, label: string, value: string | undefined, extra: PdfNote[] = []): void => {
    const typedValue = typed[field];
    const problem = invalid[field];
    if (problem !== undefined && !isBlank(typedValue)) {
      blocks.push({ kind: 'field', label, value: typedText(typedValue), tone: 'alert', notes: [{ text: `Not checked: ${problem}`, tone: 'alert' }] });
      return;
    }
    if (value === undefined) return;
    const abnormal = (flags.get(field) ?? []).map((message): PdfNote => ({ text: `Abnormal: ${message}`, tone: 'alert' }));
    blocks.push({ kind: 'field', label, value, tone: abnormal.length > 0 ? 'alert' : 'normal', notes: [...extra, ...abnormal] });
  };

  for (const field of NUMERIC_OBSERVATIONS) {
    const value = valid[field];
    const extra: PdfNote[] = field === 'spo2' && valid.spo2Scale === 2 ? [{ text: 'Scale 2 (target 88–92%)', tone: 'normal' }] : [];
    row(field, OBSERVATION_LIMITS[field].label, value === undefined ? undefined : withUnit(field, value), extra);
    if (field === 'spo2') {
      const oxygen = valid.onOxygen;
      row('onOxygen', 'Air or oxygen', oxygen === undefined ? undefined : oxygen ? 'On supplemental oxygen' : 'Air');
    }
    if (field === 'respiratoryRate') {
      const level = valid.consciousness;
      row('consciousness', 'Consciousness (ACVPU)', level === undefined ? undefined : CONSCIOUSNESS_LABELS[level]);
    }
  }
  if (invalid.spo2Scale !== undefined && !isBlank(typed.spo2Scale)) row('spo2Scale', 'SpO2 scale', undefined);

  if (blocks.length === 0) return [{ kind: 'text', text: 'Not recorded', tone: 'muted' }];
  blocks.push(news2Block(valid));
  return blocks;
}
