import { describe, expect, it } from 'vitest';
import { odsCodeSchema, practiceAddressIsComplete, practiceDetailsSchema, type PracticeDetailsInput } from '../../../src/domain/practice';

function problems(input: PracticeDetailsInput): Record<string, string> {
  const result = practiceDetailsSchema.safeParse(input);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((issue) => [issue.path.join('.'), issue.message]));
}

const ODS_MESSAGE = 'Enter the ODS code as one letter and five numbers, like A81001';

describe('odsCodeSchema', () => {
  it.each([
    ['A81001', 'A81001'],
    ['Y02345', 'Y02345'],
    [' a81001 ', 'A81001'],
  ])('accepts %j as %j', (typed, stored) => {
    expect(odsCodeSchema.parse(typed)).toBe(stored);
  });

  it.each(['A8100', 'A810011', 'AB1001', '81001A', '181001', 'A8 1001', ''])('refuses %j', (typed) => {
    const result = odsCodeSchema.safeParse(typed);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(ODS_MESSAGE);
  });
});

describe('practiceDetailsSchema', () => {
  it('needs only the name on the day; the rest defaults to empty', () => {
    expect(practiceDetailsSchema.parse({ name: ' Riverside Surgery ' })).toEqual({
      name: 'Riverside Surgery',
      odsCode: '',
      address: '',
      postcode: '',
      phone: '',
    });
  });

  it('asks for the name', () => {
    expect(problems({ name: '   ' })).toEqual({ name: 'Enter the practice name' });
  });

  it('allows no ODS code but refuses a mistyped one', () => {
    expect(problems({ name: 'Riverside Surgery', odsCode: '' })).toEqual({});
    expect(problems({ name: 'Riverside Surgery', odsCode: 'A8100' })).toEqual({ odsCode: ODS_MESSAGE });
  });

  it('keeps the postcode and ODS code in capitals', () => {
    expect(practiceDetailsSchema.parse({ name: 'Riverside Surgery', odsCode: 'b82005', postcode: ' ls1 4ap ' })).toMatchObject({
      odsCode: 'B82005',
      postcode: 'LS1 4AP',
    });
  });

  it.each(['01632 960 001', '+44 1632 960001', '(01632) 960-001', ''])('accepts the phone number %j', (phone) => {
    expect(problems({ name: 'Riverside Surgery', phone })).toEqual({});
  });

  it.each(['ring reception', '01632', '01632 960 001 ext 4'])('refuses the phone number %j', (phone) => {
    expect(problems({ name: 'Riverside Surgery', phone })).toEqual({ phone: 'Enter a phone number, like 01632 960 001' });
  });
});

describe('practiceAddressIsComplete', () => {
  const complete = practiceDetailsSchema.parse({ name: 'Riverside Surgery', address: '1 River Street, Leeds', postcode: 'LS1 4AP' });

  it('is complete with an address and a postcode', () => {
    expect(practiceAddressIsComplete(complete)).toBe(true);
  });

  it.each([
    ['no address', { address: '' }],
    ['no postcode', { postcode: '' }],
    ['an address of spaces', { address: '   ' }],
  ])('is incomplete with %s', (_case, change) => {
    expect(practiceAddressIsComplete(practiceDetailsSchema.parse({ ...complete, ...change }))).toBe(false);
  });
});
