import { describe, expect, it } from 'vitest';
import { assessObservations, observationsSchema, type Observations } from '../../../src/domain/observations';

function errorsOf(input: Record<string, unknown>): Record<string, string> {
  const result = observationsSchema.safeParse(input);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((issue) => [issue.path.join('.'), issue.message]));
}

function flagFields(obs: Observations): string[] {
  return assessObservations(obs).map((flag) => flag.field);
}

describe('observationsSchema: form input', () => {
  it('accepts an empty set: every observation is optional', () => {
    expect(observationsSchema.parse({})).toEqual({});
  });

  it("treats '' and blanks as not measured", () => {
    const obs = observationsSchema.parse({ pulse: '', temperature: '  ', onOxygen: '', spo2Scale: '', consciousness: '' });
    expect(obs).toEqual({});
  });

  it('reads numbers typed as strings', () => {
    expect(observationsSchema.parse({ pulse: '72', temperature: ' 37.2 ', systolic: 128, diastolic: '82' })).toEqual({
      pulse: 72,
      temperature: 37.2,
      systolic: 128,
      diastolic: 82,
    });
  });

  it('reads yes/no and scale choices from radios', () => {
    expect(observationsSchema.parse({ onOxygen: 'yes', spo2Scale: '2' })).toEqual({ onOxygen: true, spo2Scale: 2 });
    expect(observationsSchema.parse({ onOxygen: 'no' })).toEqual({ onOxygen: false });
  });

  it('rejects text that is not a number', () => {
    expect(errorsOf({ pulse: '7two' })).toEqual({ pulse: 'Enter pulse as a number' });
  });

  it('wants whole numbers where the measure is whole', () => {
    expect(errorsOf({ pulse: '72.5' })).toEqual({ pulse: 'Enter pulse as a whole number' });
    expect(errorsOf({ temperature: '37.25' })).toEqual({});
  });

  it('rejects an unknown consciousness level and SpO2 scale', () => {
    expect(Object.keys(errorsOf({ consciousness: 'drowsy', spo2Scale: '3' })).sort()).toEqual(['consciousness', 'spo2Scale']);
  });
});

describe('observationsSchema: impossible values are typing slips', () => {
  it.each([
    ['pulse', 400],
    ['pulse', 5],
    ['temperature', 60],
    ['temperature', 3.7],
    ['spo2', 120],
    ['spo2', 9],
    ['systolic', 1200],
    ['diastolic', 800],
    ['respiratoryRate', 180],
    ['weight', 7000],
    ['height', 1.75],
    ['peakFlow', 4500],
    ['bloodGlucose', 540],
  ])('rejects %s %s', (field, value) => {
    const errors = errorsOf({ [field]: value });
    expect(errors[field]).toMatch(/must be between .*: check for a typing slip/);
  });

  it.each([
    ['pulse', 20],
    ['pulse', 250],
    ['temperature', 25],
    ['temperature', 45],
    ['spo2', 100],
    ['spo2', 50],
  ])('accepts the edge %s %s', (field, value) => {
    expect(errorsOf({ [field]: value })).toEqual({});
  });

  it('rejects a systolic below the diastolic', () => {
    expect(errorsOf({ systolic: 80, diastolic: 120 })).toEqual({
      systolic: 'Systolic must be higher than diastolic: check they are not swapped',
    });
    expect(errorsOf({ systolic: 90, diastolic: 90 })).toHaveProperty('systolic');
  });

  it('accepts a systolic alone', () => {
    expect(errorsOf({ systolic: 80 })).toEqual({});
  });
});

describe('assessObservations: abnormal values are flagged, not rejected', () => {
  it('flags nothing in a normal set', () => {
    const obs = observationsSchema.parse({
      systolic: 124, diastolic: 78, pulse: 72, temperature: 36.8, spo2: 98, onOxygen: false,
      respiratoryRate: 14, consciousness: 'alert', weight: 70, height: 172, peakFlow: 480, bloodGlucose: 5.4,
    });
    expect(assessObservations(obs)).toEqual([]);
  });

  it('flags each abnormal reading with a level and a message', () => {
    const flags = assessObservations({ pulse: 124 });
    expect(flags).toEqual([{ field: 'pulse', level: 'abnormal', message: 'Pulse 124 bpm is high (NEWS2 normal 51–90)' }]);
  });

  it.each([
    [{ respiratoryRate: 11 }, 'respiratoryRate'],
    [{ respiratoryRate: 21 }, 'respiratoryRate'],
    [{ spo2: 95 }, 'spo2'],
    [{ systolic: 100 }, 'systolic'],
    [{ systolic: 182, diastolic: 95 }, 'systolic'],
    [{ systolic: 170, diastolic: 121 }, 'diastolic'],
    [{ pulse: 50 }, 'pulse'],
    [{ pulse: 91 }, 'pulse'],
    [{ temperature: 36 }, 'temperature'],
    [{ temperature: 38.1 }, 'temperature'],
    [{ bloodGlucose: 3.9 }, 'bloodGlucose'],
    [{ bloodGlucose: 11.1 }, 'bloodGlucose'],
    [{ peakFlow: 150 }, 'peakFlow'],
    [{ weight: 250 }, 'weight'],
    [{ height: 230 }, 'height'],
    [{ onOxygen: true }, 'onOxygen'],
    [{ consciousness: 'new-confusion' }, 'consciousness'],
  ] satisfies [Observations, string][])('flags %o', (obs, field) => {
    expect(flagFields(obs)).toEqual([field]);
  });

  it.each([
    [{ respiratoryRate: 12 }],
    [{ respiratoryRate: 20 }],
    [{ spo2: 96 }],
    [{ pulse: 51 }],
    [{ pulse: 90 }],
    [{ temperature: 36.1 }],
    [{ temperature: 38 }],
    [{ systolic: 179, diastolic: 119 }],
    [{ bloodGlucose: 4 }],
  ] satisfies [Observations][])('does not flag the edge of normal %o', (obs) => {
    expect(assessObservations(obs)).toEqual([]);
  });

  it('judges SpO2 against the 88–92% target on scale 2', () => {
    expect(flagFields({ spo2: 89, spo2Scale: 2, onOxygen: false })).toEqual([]);
    expect(flagFields({ spo2: 95, spo2Scale: 2, onOxygen: false })).toEqual([]);
    expect(flagFields({ spo2: 87, spo2Scale: 2, onOxygen: false })).toEqual(['spo2']);
    expect(flagFields({ spo2: 95, spo2Scale: 2, onOxygen: true })).toEqual(['spo2', 'onOxygen']);
    expect(flagFields({ spo2: 89, spo2Scale: 1 })).toEqual(['spo2']);
  });
});
