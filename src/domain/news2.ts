import type { ConsciousnessLevel, Observations } from './observations';

/**
 * NEWS2, the National Early Warning Score, as published by the Royal College of Physicians:
 * "National Early Warning Score (NEWS) 2: Standardising the assessment of acute-illness severity
 * in the NHS", RCP 2017. Chart 1 gives the scoring, chart 2 the thresholds and chart 4 the
 * clinical response. https://www.rcplondon.ac.uk/projects/outputs/national-early-warning-score-news-2
 *
 * The chart was written for hospital wards; in a practice it helps judge urgency and does not
 * replace clinical judgement. Lifeboat shows it only when all seven parameters are recorded.
 */

export const NEWS2_PARAMETERS = [
  'respiratoryRate',
  'spo2',
  'airOrOxygen',
  'systolic',
  'pulse',
  'consciousness',
  'temperature',
] as const;
export type News2Parameter = (typeof NEWS2_PARAMETERS)[number];

export type News2Band = 'low' | 'low-medium' | 'medium' | 'high';

export const NEWS2_BAND_LABELS: Record<News2Band, string> = {
  low: 'Low',
  'low-medium': 'Low–medium',
  medium: 'Medium',
  high: 'High',
};

export interface News2Result {
  total: number;
  scores: Record<News2Parameter, number>;
  /** SpO2 scale used: 2 only when chosen for a target of 88–92%. */
  spo2Scale: 1 | 2;
  band: News2Band;
  /** True when any single parameter scores 3 (a "red score"). */
  redScore: boolean;
  /** Chart 4: the minimum frequency of monitoring. */
  monitoring: string;
  /** Chart 4: the clinical response, one action a line. */
  response: readonly string[];
}

export function scoreRespiratoryRate(rate: number): number {
  if (rate <= 8) return 3;
  if (rate <= 11) return 1;
  if (rate <= 20) return 0;
  if (rate <= 24) return 2;
  return 3;
}

export function scoreSpo2Scale1(spo2: number): number {
  if (spo2 <= 91) return 3;
  if (spo2 <= 93) return 2;
  if (spo2 <= 95) return 1;
  return 0;
}

/**
 * Scale 2 (target 88–92%): 93% or more scores 0 on air but 1, 2 or 3 on oxygen (93–94, 95–96,
 * 97 or more), because oxygen is pushing the saturation above the target.
 */
export function scoreSpo2Scale2(spo2: number, onOxygen: boolean): number {
  if (spo2 <= 83) return 3;
  if (spo2 <= 85) return 2;
  if (spo2 <= 87) return 1;
  if (spo2 <= 92 || !onOxygen) return 0;
  if (spo2 <= 94) return 1;
  if (spo2 <= 96) return 2;
  return 3;
}

export function scoreAirOrOxygen(onOxygen: boolean): number {
  return onOxygen ? 2 : 0;
}

export function scoreSystolic(systolic: number): number {
  if (systolic <= 90) return 3;
  if (systolic <= 100) return 2;
  if (systolic <= 110) return 1;
  if (systolic <= 219) return 0;
  return 3;
}

export function scorePulse(pulse: number): number {
  if (pulse <= 40) return 3;
  if (pulse <= 50) return 1;
  if (pulse <= 90) return 0;
  if (pulse <= 110) return 1;
  if (pulse <= 130) return 2;
  return 3;
}

/** Alert scores 0; new confusion, voice, pain or unresponsive score 3. */
export function scoreConsciousness(level: ConsciousnessLevel): number {
  return level === 'alert' ? 0 : 3;
}

/** Bands to one decimal place: 35.0 or below, 35.1–36.0, 36.1–38.0, 38.1–39.0, 39.1 or above. */
export function scoreTemperature(celsius: number): number {
  if (celsius <= 35) return 3;
  if (celsius <= 36) return 1;
  if (celsius <= 38) return 0;
  if (celsius <= 39) return 1;
  return 2;
}

const RESPONSES: Record<'zero' | News2Band, { monitoring: string; response: readonly string[] }> = {
  zero: {
    monitoring: 'At least every 12 hours',
    response: ['Continue routine NEWS monitoring'],
  },
  low: {
    monitoring: 'At least every 4–6 hours',
    response: [
      'A registered nurse must assess the patient',
      'The nurse decides whether monitoring should be more frequent or care escalated',
    ],
  },
  'low-medium': {
    monitoring: 'At least every hour',
    response: ['Inform the medical team caring for the patient, who will review and decide whether to escalate care'],
  },
  medium: {
    monitoring: 'At least every hour',
    response: [
      'Urgent response threshold: inform the medical team caring for the patient immediately',
      'Ask for urgent assessment by a clinician or team with core competencies in caring for acutely ill patients',
      'Provide clinical care where the patient can be monitored',
    ],
  },
  high: {
    monitoring: 'Continuous monitoring of vital signs',
    response: [
      'Emergency response threshold: inform the medical team caring for the patient immediately (at least specialist registrar level)',
      'Emergency assessment by a team with critical care competencies, including advanced airway management skills',
      'Consider transfer to a level 2 or 3 care facility (high-dependency unit or ICU)',
      'Provide clinical care where the patient can be monitored',
    ],
  },
};

/** Chart 2: 7 or more high; 5–6 medium; a red score with a total under 5 low–medium; else low. */
export function news2Band(total: number, redScore: boolean): News2Band {
  if (total >= 7) return 'high';
  if (total >= 5) return 'medium';
  if (redScore) return 'low-medium';
  return 'low';
}

/**
 * Scores a set of observations, or returns null unless all seven NEWS2 parameters are present
 * (respiration rate, SpO2, air or oxygen, systolic blood pressure, pulse, consciousness,
 * temperature). The SpO2 scale defaults to 1.
 */
export function calculateNews2(obs: Observations): News2Result | null {
  const { respiratoryRate, spo2, onOxygen, systolic, pulse, consciousness, temperature } = obs;
  if (
    respiratoryRate === undefined ||
    spo2 === undefined ||
    onOxygen === undefined ||
    systolic === undefined ||
    pulse === undefined ||
    consciousness === undefined ||
    temperature === undefined
  ) {
    return null;
  }
  const spo2Scale = obs.spo2Scale ?? 1;
  const scores: Record<News2Parameter, number> = {
    respiratoryRate: scoreRespiratoryRate(respiratoryRate),
    spo2: spo2Scale === 2 ? scoreSpo2Scale2(spo2, onOxygen) : scoreSpo2Scale1(spo2),
    airOrOxygen: scoreAirOrOxygen(onOxygen),
    systolic: scoreSystolic(systolic),
    pulse: scorePulse(pulse),
    consciousness: scoreConsciousness(consciousness),
    temperature: scoreTemperature(temperature),
  };
  const values = Object.values(scores);
  const total = values.reduce((sum, score) => sum + score, 0);
  const redScore = values.some((score) => score === 3);
  const band = news2Band(total, redScore);
  const { monitoring, response } = RESPONSES[total === 0 ? 'zero' : band];
  return { total, scores, spo2Scale, band, redScore, monitoring, response };
}
