// How a hand-over decides between two copies of one record, and what its file is called.
import { describe, expect, it } from 'vitest';
import { compareRecordVersions, handoverFileName } from '../../../src/domain/handover';

const copy = (updatedAt: string, status = 'waiting', data: unknown = { reason: 'Cough for three weeks', ticket: 4 }) => ({ updatedAt, status, data });

describe('comparing a record that came in a hand-over with this device’s copy', () => {
  it('calls identical copies the same', () => {
    expect(compareRecordVersions(copy('2024-07-19T09:05:00.000Z'), copy('2024-07-19T09:05:00.000Z'))).toBe('same');
  });

  it('takes the copy changed later', () => {
    expect(compareRecordVersions(copy('2024-07-19T09:07:00.000Z', 'called'), copy('2024-07-19T09:05:00.000Z'))).toBe('newer');
    expect(compareRecordVersions(copy('2024-07-19T09:05:00.000Z'), copy('2024-07-19T09:07:00.000Z', 'called'))).toBe('older');
  });

  it('compares instants, not text: 10:07 in London is later than 09:05 UTC', () => {
    expect(compareRecordVersions(copy('2024-07-19T10:07:00+01:00', 'called'), copy('2024-07-19T09:05:00.000Z'))).toBe('newer');
  });

  it('keeps this device’s copy when both changed at the same moment but differ', () => {
    expect(compareRecordVersions(copy('2024-07-19T09:05:00.000Z', 'called'), copy('2024-07-19T09:05:00.000Z'))).toBe('older');
    expect(compareRecordVersions(copy('2024-07-19T09:05:00.000Z', 'waiting', { reason: 'Rash', ticket: 4 }), copy('2024-07-19T09:05:00.000Z'))).toBe('older');
  });
});

describe('the hand-over file name', () => {
  it('says when it was made and names nobody', () => {
    expect(handoverFileName('2024-07-19T09:00:12+01:00')).toBe('lifeboat-handover-2024-07-19-0900.json');
  });
});
