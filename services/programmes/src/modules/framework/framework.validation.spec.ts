import { checkPeriodHasBegun } from './framework.validation';

describe('checkPeriodHasBegun', () => {
  // 1 April 2021, 00:30 in Nairobi, still 31 March in UTC.
  const now = new Date('2021-03-31T21:30:00Z');

  it('accepts a quarter that has begun in Kenya, the current one included', () => {
    expect(() => checkPeriodHasBegun({ year: 2021, quarter: 1 }, now, 'input.period')).not.toThrow();
    expect(() => checkPeriodHasBegun({ year: 2021, quarter: 2 }, now, 'input.period')).not.toThrow();
    expect(() => checkPeriodHasBegun({ year: 2020, quarter: 4 }, now, 'input.period')).not.toThrow();
  });

  it('refuses a quarter or year that has not begun, naming when it does', () => {
    expect(() => checkPeriodHasBegun({ year: 2021, quarter: 3 }, now, 'input.period')).toThrow(
      expect.objectContaining({
        message: 'input.period: 2021 Q3 begins on 2021-07-01; report it once it has begun',
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'input.period' }),
      }),
    );
    expect(() => checkPeriodHasBegun({ year: 2022 }, now, 'input.period')).toThrow(/2022 begins on 2022-01-01/);
  });
});
