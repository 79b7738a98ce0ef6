import { EARLIEST_OPENED_ON, openCaseSchema, pastDate } from './case.input';

describe('dates a children officer enters', () => {
  afterEach(() => jest.useRealTimers());

  it('takes today by Nairobi’s calendar: at 01:30 in Nairobi (22:30 UTC the day before) today is not in the future', () => {
    jest.useFakeTimers({ now: new Date('2026-11-21T22:30:00Z'), doNotFake: ['nextTick', 'setImmediate'] });
    expect(pastDate.safeParse('2026-11-22').success).toBe(true);
    expect(pastDate.safeParse('2026-11-21').success).toBe(true);
    const tomorrow = pastDate.safeParse('2026-11-23');
    expect(tomorrow.success).toBe(false);
    expect(tomorrow.error?.issues[0].message).toBe('must not be in the future');
  });
});

describe('the day a case was opened', () => {
  const open = (openedOn: string) =>
    openCaseSchema.safeParse({
      countyCode: '047',
      categories: ['NEGLECT'],
      riskLevel: 'LOW',
      // About 30 today: a child when a case opened in 2000 could have been.
      child: { firstName: 'Amani', lastName: 'Datetest', sex: 'MALE', estimatedAgeYears: 30, countyCode: '047' },
      openedOn,
    });

  it('is refused before 2000 (a typing slip, e.g. 0999 for 1999), naming the field, and taken from 2000 on', () => {
    for (const slip of ['0999-05-01', '1900-01-01', '1999-12-31']) {
      const result = open(slip);
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
        ['openedOn', `must be ${EARLIEST_OPENED_ON} or later`],
      ]);
    }
    expect(open(EARLIEST_OPENED_ON).success).toBe(true);
  });
});

describe('a form’s blank optional fields', () => {
  it('are taken as absent, not refused as empty; a blank required name still is', () => {
    const input = (child: Record<string, unknown>) =>
      openCaseSchema.safeParse({
        countyCode: '047',
        categories: ['NEGLECT'],
        riskLevel: 'LOW',
        child: { firstName: 'Amani', lastName: 'Formtest', sex: 'MALE', estimatedAgeYears: 9, countyCode: '047', ...child },
      });
    const blank = input({ middleName: '', school: '  ', caregivers: [{ name: 'Mama Amani', relationship: 'mother', phone: '' }] });
    expect(blank.success).toBe(true);
    expect(blank.data?.child).toMatchObject({ middleName: null, school: null, caregivers: [{ phone: null }] });
    const noName = input({ firstName: ' ' });
    expect(noName.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['child.firstName']);
  });
});
