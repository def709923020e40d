import { z } from 'zod';

/**
 * Observations as a clinician types them. Two kinds of limit (brief, "Observations"):
 * - impossible: outside anything a living patient or the instrument can give, so it is a typing
 *   slip (pulse 400, temperature 60, SpO2 120) and is rejected;
 * - abnormal: possible but outside the normal range, so it is accepted and flagged.
 * The abnormal limits come from the NEWS2 chart (Royal College of Physicians 2017, chart 1) where
 * NEWS2 covers the measure: anything outside the band that scores 0, except systolic pressure,
 * flagged where it scores 2 or more (100 or below). Others name their source beside them; the
 * peak flow, weight and height flags are plausibility prompts of Lifeboat's own.
 * The impossible limits are Lifeboat's own too, set wide of any survivable reading.
 */

export const CONSCIOUSNESS_LEVELS = ['alert', 'new-confusion', 'voice', 'pain', 'unresponsive'] as const;
export type ConsciousnessLevel = (typeof CONSCIOUSNESS_LEVELS)[number];

/** ACVPU, as the NEWS2 chart words it. */
export const CONSCIOUSNESS_LABELS: Record<ConsciousnessLevel, string> = {
  alert: 'Alert',
  'new-confusion': 'New confusion',
  voice: 'Responds to voice',
  pain: 'Responds to pain',
  unresponsive: 'Unresponsive',
};

export const NUMERIC_OBSERVATIONS = [
  'systolic',
  'diastolic',
  'pulse',
  'temperature',
  'spo2',
  'respiratoryRate',
  'weight',
  'height',
  'peakFlow',
  'bloodGlucose',
] as const;
export type NumericObservation = (typeof NUMERIC_OBSERVATIONS)[number];

interface NumericLimit {
  label: string;
  unit: string;
  /** Whole numbers only (how the measure is read and charted). */
  integer: boolean;
  /** The impossible range is below `min` or above `max`. */
  min: number;
  max: number;
}

export const OBSERVATION_LIMITS: Record<NumericObservation, NumericLimit> = {
  systolic: { label: 'Systolic blood pressure', unit: 'mmHg', integer: true, min: 40, max: 300 },
  diastolic: { label: 'Diastolic blood pressure', unit: 'mmHg', integer: true, min: 20, max: 200 },
  pulse: { label: 'Pulse', unit: 'bpm', integer: true, min: 20, max: 250 },
  temperature: { label: 'Temperature', unit: '°C', integer: false, min: 25, max: 45 },
  spo2: { label: 'SpO2', unit: '%', integer: true, min: 50, max: 100 },
  respiratoryRate: { label: 'Respiratory rate', unit: '/min', integer: true, min: 3, max: 80 },
  weight: { label: 'Weight', unit: 'kg', integer: false, min: 0.3, max: 400 },
  height: { label: 'Height', unit: 'cm', integer: false, min: 20, max: 250 },
  peakFlow: { label: 'Peak flow', unit: 'L/min', integer: true, min: 30, max: 1000 },
  bloodGlucose: { label: 'Blood glucose', unit: 'mmol/L', integer: false, min: 0.5, max: 60 },
};

/** Form inputs give strings: blank means "not measured"; anything else must read as a number. */
function numberFromInput(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (text === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
}

function numericField(field: NumericObservation) {
  const { label, unit, integer, min, max } = OBSERVATION_LIMITS[field];
  const rangeMessage = `${label} must be between ${min} and ${max} ${unit}: check for a typing slip`;
  let schema = z.number({ message: `Enter ${label.toLowerCase()} as a number` }).min(min, rangeMessage).max(max, rangeMessage);
  if (integer) schema = schema.int(`Enter ${label.toLowerCase()} as a whole number`);
  return z.preprocess(numberFromInput, schema.optional()).optional();
}

function blankToUndefined(value: unknown): unknown {
  return typeof value === 'string' && value.trim() === '' ? undefined : value;
}

function booleanFromInput(value: unknown): unknown {
  if (typeof value !== 'string') return value ?? undefined;
  const text = value.trim().toLowerCase();
  if (text === '') return undefined;
  if (text === 'yes' || text === 'true') return true;
  if (text === 'no' || text === 'false') return false;
  return value;
}

/** Every field optional; '' from an empty input means not measured. */
export const observationsSchema = z
  .object({
    systolic: numericField('systolic'),
    diastolic: numericField('diastolic'),
    pulse: numericField('pulse'),
    temperature: numericField('temperature'),
    spo2: numericField('spo2'),
    /** Scale 2 only for a target of 88–92%, such as hypercapnic respiratory failure (NEWS2). */
    spo2Scale: z
      .preprocess(
        (value) => (value === '1' ? 1 : value === '2' ? 2 : blankToUndefined(value)),
        z.union([z.literal(1), z.literal(2)], { message: 'Choose SpO2 scale 1 or 2' }).optional(),
      )
      .optional(),
    onOxygen: z
      .preprocess(booleanFromInput, z.boolean({ message: 'Say whether the patient is on oxygen' }).optional())
      .optional(),
    respiratoryRate: numericField('respiratoryRate'),
    consciousness: z
      .preprocess(blankToUndefined, z.enum(CONSCIOUSNESS_LEVELS, { message: 'Choose a level of consciousness (ACVPU)' }).optional())
      .optional(),
    weight: numericField('weight'),
    height: numericField('height'),
    peakFlow: numericField('peakFlow'),
    bloodGlucose: numericField('bloodGlucose'),
  })
  .superRefine((obs, ctx) => {
    if (obs.systolic !== undefined && obs.diastolic !== undefined && obs.systolic <= obs.diastolic) {
      ctx.addIssue({
        code: 'custom',
        path: ['systolic'],
        message: 'Systolic must be higher than diastolic: check they are not swapped',
      });
    }
  });
export type Observations = z.infer<typeof observationsSchema>;
export type ObservationsInput = z.input<typeof observationsSchema>;
export type ObservationField = keyof Observations;

export interface ObservationFlag {
  field: ObservationField;
  level: 'abnormal';
  message: string;
}

function reading(field: NumericObservation, value: number): string {
  const { label, unit } = OBSERVATION_LIMITS[field];
  return unit === '%' || unit === '°C' ? `${label} ${value}${unit}` : `${label} ${value} ${unit}`;
}

/** The message for one abnormal reading, or null when it is in the normal range. */
function abnormalMessage(field: NumericObservation, value: number, obs: Observations): string | null {
  const r = reading(field, value);
  switch (field) {
    case 'respiratoryRate':
      if (value <= 11) return `${r} is low (NEWS2 normal 12–20)`;
      if (value >= 21) return `${r} is high (NEWS2 normal 12–20)`;
      return null;
    case 'spo2':
      if (obs.spo2Scale === 2) {
        if (value <= 87) return `${r} is below the 88–92% target (NEWS2 scale 2)`;
        if (value >= 93 && obs.onOxygen === true) return `${r} on oxygen is above the 88–92% target (NEWS2 scale 2)`;
        return null;
      }
      return value <= 95 ? `${r} is low (NEWS2 normal 96% or more)` : null;
    case 'systolic':
      // NEWS2 scores 2 or more at 100 or below; NICE NG136: 180/120 or more is severe hypertension.
      if (value <= 100) return `${r} is low (NEWS2 scores 100 or below)`;
      if (value >= 180) return `${r} is very high (NICE: 180/120 or more is severe hypertension)`;
      return null;
    case 'diastolic':
      return value >= 120 ? `${r} is very high (NICE: 180/120 or more is severe hypertension)` : null;
    case 'pulse':
      if (value <= 50) return `${r} is low (NEWS2 normal 51–90)`;
      if (value >= 91) return `${r} is high (NEWS2 normal 51–90)`;
      return null;
    case 'temperature':
      if (value <= 36) return `${r} is low (NEWS2 normal 36.1–38.0°C)`;
      if (value >= 38.1) return `${r} is high (NEWS2 normal 36.1–38.0°C)`;
      return null;
    case 'bloodGlucose':
      // Hypoglycaemia below 4.0 ("4 is the floor"); 11.1 or more random is the WHO diabetes threshold.
      if (value < 4) return `${r} is low: hypoglycaemia is below 4.0 mmol/L`;
      if (value >= 11.1) return `${r} is high (11.1 mmol/L or more)`;
      return null;
    case 'peakFlow':
      // No fixed normal: compare with the patient's best or predicted (BTS/SIGN asthma guideline).
      return value < 200 ? `${r} is low: compare with the patient's best or predicted peak flow` : null;
    case 'weight':
      return value < 2 || value > 200 ? `${r} is unusual: check the units (kilograms)` : null;
    case 'height':
      return value < 45 || value > 210 ? `${r} is unusual: check the units (centimetres)` : null;
  }
}

/**
 * Flags every abnormal observation in a parsed set: the readings first, then oxygen and consciousness. Impossible values never get
 * here: `observationsSchema` has already rejected them.
 */
export function assessObservations(obs: Observations): ObservationFlag[] {
  const flags: ObservationFlag[] = [];
  for (const field of NUMERIC_OBSERVATIONS) {
    const value = obs[field];
    if (value === undefined) continue;
    const message = abnormalMessage(field, value, obs);
    if (message !== null) flags.push({ field, level: 'abnormal', message });
  }
  if (obs.onOxygen === true) {
    flags.push({ field: 'onOxygen', level: 'abnormal', message: 'On supplemental oxygen (scores 2 in NEWS2)' });
  }
  if (obs.consciousness !== undefined && obs.consciousness !== 'alert') {
    flags.push({
      field: 'consciousness',
      level: 'abnormal',
      message: `${CONSCIOUSNESS_LABELS[obs.consciousness]}: not alert (scores 3 in NEWS2)`,
    });
  }
  return flags;
}
