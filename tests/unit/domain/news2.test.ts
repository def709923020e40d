import { describe, expect, it } from 'vitest';
import {
  calculateNews2,
  news2Band,
  scoreConsciousness,
  scorePulse,
  scoreRespiratoryRate,
  scoreSpo2Scale1,
  scoreSpo2Scale2,
  scoreSystolic,
  scoreTemperature,
} from '../../../src/domain/news2';
import type { Observations } from '../../../src/domain/observations';

/** A well adult: every parameter scores 0. */
function wellObservations(overrides: Observations = {}): Observations {
  return {
    respiratoryRate: 16,
    spo2: 97,
    onOxygen: false,
    systolic: 125,
    pulse: 70,
    consciousness: 'alert',
    temperature: 37,
    ...overrides,
  };
}

describe('NEWS2 chart 1 scoring bands (RCP 2017)', () => {
  it.each([
    [8, 3], [9, 1], [11, 1], [12, 0], [20, 0], [21, 2], [24, 2], [25, 3],
  ])('respiration rate %i scores %i', (rate, score) => expect(scoreRespiratoryRate(rate)).toBe(score));

  it.each([
    [91, 3], [92, 2], [93, 2], [94, 1], [95, 1], [96, 0], [100, 0],
  ])('SpO2 scale 1 %i%% scores %i', (spo2, score) => expect(scoreSpo2Scale1(spo2)).toBe(score));

  it.each([
    [83, false, 3], [84, false, 2], [85, false, 2], [86, false, 1], [87, false, 1],
    [88, false, 0], [92, false, 0], [88, true, 0], [92, true, 0],
    [93, false, 0], [97, false, 0], [100, false, 0],
    [93, true, 1], [94, true, 1], [95, true, 2], [96, true, 2], [97, true, 3], [100, true, 3],
  ])('SpO2 scale 2 %i%% (on oxygen: %s) scores %i', (spo2, onOxygen, score) =>
    expect(scoreSpo2Scale2(spo2, onOxygen)).toBe(score));

  it.each([
    [90, 3], [91, 2], [100, 2], [101, 1], [110, 1], [111, 0], [219, 0], [220, 3],
  ])('systolic %i scores %i', (systolic, score) => expect(scoreSystolic(systolic)).toBe(score));

  it.each([
    [40, 3], [41, 1], [50, 1], [51, 0], [90, 0], [91, 1], [110, 1], [111, 2], [130, 2], [131, 3],
  ])('pulse %i scores %i', (pulse, score) => expect(scorePulse(pulse)).toBe(score));

  it.each([
    [35, 3], [35.1, 1], [36, 1], [36.1, 0], [38, 0], [38.1, 1], [39, 1], [39.1, 2],
  ])('temperature %f scores %i', (celsius, score) => expect(scoreTemperature(celsius)).toBe(score));

  it('scores alert 0 and new confusion, voice, pain or unresponsive 3', () => {
    expect(scoreConsciousness('alert')).toBe(0);
    for (const level of ['new-confusion', 'voice', 'pain', 'unresponsive'] as const) expect(scoreConsciousness(level)).toBe(3);
  });
});

describe('NEWS2 chart 2 bands', () => {
  it('bands by total, with a red score lifting a low total to low–medium', () => {
    expect(news2Band(0, false)).toBe('low');
    expect(news2Band(4, false)).toBe('low');
    expect(news2Band(3, true)).toBe('low-medium');
    expect(news2Band(5, false)).toBe('medium');
    expect(news2Band(6, true)).toBe('medium');
    expect(news2Band(7, false)).toBe('high');
  });
});

describe('calculateNews2 worked examples', () => {
  it('needs all seven parameters', () => {
    for (const missing of ['respiratoryRate', 'spo2', 'onOxygen', 'systolic', 'pulse', 'consciousness', 'temperature'] as const) {
      expect(calculateNews2(wellObservations({ [missing]: undefined }))).toBeNull();
    }
    expect(calculateNews2({})).toBeNull();
  });

  it('1. a well patient scores 0: routine monitoring', () => {
    const result = calculateNews2(wellObservations());
    expect(result).toMatchObject({ total: 0, band: 'low', redScore: false, spo2Scale: 1 });
    expect(result?.monitoring).toBe('At least every 12 hours');
    expect(result?.response).toEqual(['Continue routine NEWS monitoring']);
  });

  it('2. low: total 4 with no single 3', () => {
    // RR 22 → 2, SpO2 95 → 1, pulse 95 → 1.
    const result = calculateNews2(wellObservations({ respiratoryRate: 22, spo2: 95, pulse: 95 }));
    expect(result?.scores).toEqual({
      respiratoryRate: 2, spo2: 1, airOrOxygen: 0, systolic: 0, pulse: 1, consciousness: 0, temperature: 0,
    });
    expect(result).toMatchObject({ total: 4, band: 'low', redScore: false, monitoring: 'At least every 4–6 hours' });
  });

  it('3. low–medium: new confusion alone is a red score', () => {
    const result = calculateNews2(wellObservations({ consciousness: 'new-confusion' }));
    expect(result).toMatchObject({ total: 3, band: 'low-medium', redScore: true, monitoring: 'At least every hour' });
    expect(result?.response[0]).toMatch(/medical team/);
  });

  it('4. medium: total 5', () => {
    // RR 22 → 2, SpO2 94 → 1, systolic 105 → 1, pulse 105 → 1.
    const result = calculateNews2(wellObservations({ respiratoryRate: 22, spo2: 94, systolic: 105, pulse: 105 }));
    expect(result).toMatchObject({ total: 5, band: 'medium', redScore: false });
    expect(result?.response[0]).toMatch(/^Urgent response threshold/);
  });

  it('5. medium, not low–medium, when a red score comes with a total of 5 or 6', () => {
    // Pulse 135 → 3, RR 22 → 2.
    expect(calculateNews2(wellObservations({ pulse: 135, respiratoryRate: 22 }))).toMatchObject({
      total: 5, band: 'medium', redScore: true,
    });
  });

  it('6. high: a septic picture on oxygen', () => {
    // RR 26 → 3, SpO2 91 → 3, oxygen → 2, systolic 95 → 2, pulse 120 → 2, alert → 0, 39.2 → 2.
    const result = calculateNews2({
      respiratoryRate: 26, spo2: 91, onOxygen: true, systolic: 95, pulse: 120, consciousness: 'alert', temperature: 39.2,
    });
    expect(result).toMatchObject({ total: 14, band: 'high', redScore: true, monitoring: 'Continuous monitoring of vital signs' });
    expect(result?.response[0]).toMatch(/^Emergency response threshold/);
  });

  it('7. scale 2 on air: 97% scores 0', () => {
    const result = calculateNews2(wellObservations({ spo2: 97, spo2Scale: 2, onOxygen: false }));
    expect(result).toMatchObject({ total: 0, spo2Scale: 2 });
    expect(result?.scores.spo2).toBe(0);
  });

  it('8. scale 2 on oxygen: 93–94 scores 1, 95–96 scores 2, 97 or more scores 3, plus 2 for oxygen', () => {
    const at = (spo2: number) => calculateNews2(wellObservations({ spo2, spo2Scale: 2, onOxygen: true }));
    expect(at(90)).toMatchObject({ total: 2, band: 'low' });
    expect(at(93)).toMatchObject({ total: 3, band: 'low' });
    expect(at(96)).toMatchObject({ total: 4, band: 'low' });
    expect(at(97)).toMatchObject({ total: 5, band: 'medium', redScore: true });
    expect(at(97)?.scores).toMatchObject({ spo2: 3, airOrOxygen: 2 });
  });

  it('9. the same saturation on scale 1 scores differently', () => {
    expect(calculateNews2(wellObservations({ spo2: 90, onOxygen: true }))).toMatchObject({ total: 5, band: 'medium' });
    expect(calculateNews2(wellObservations({ spo2: 90, spo2Scale: 2, onOxygen: false }))).toMatchObject({ total: 0 });
  });
});
