import { countsChildrenHarmed, withheldFromPublic } from './child-figures';
import { IndicatorUnit } from './framework.enums';

describe('figures that count children harmed', () => {
  const count = (name: string) => countsChildrenHarmed({ name, unit: IndicatorUnit.COUNT });

  it('are the counts of cases and of child victims, not of forums, trainings or the people trained to help', () => {
    expect(count('No. of reported cases of SEC')).toBe(true);
    expect(count('No. of SEC cases prosecuted')).toBe(true);
    expect(count('No. of children successfully rehabilitated by the counties')).toBe(true);
    expect(
      countsChildrenHarmed({ name: 'Proportions of child victims of SEC reintegrated back to the community', unit: IndicatorUnit.PERCENT }),
    ).toBe(true);
    expect(count('No. of forums held')).toBe(false);
    expect(count('No. of caregivers trained to support special needs victims')).toBe(false);
    expect(countsChildrenHarmed({ name: 'Improved case management and referral system', unit: IndicatorUnit.QUALITATIVE })).toBe(false);
  });

  it('are withheld for every county, and nationally only as a count below 5, not as a percentage', () => {
    expect(withheldFromPublic(IndicatorUnit.COUNT, '047', 120)).toBe(true);
    expect(withheldFromPublic(IndicatorUnit.COUNT, null, 3)).toBe(true);
    expect(withheldFromPublic(IndicatorUnit.COUNT, null, 0)).toBe(false);
    expect(withheldFromPublic(IndicatorUnit.COUNT, null, 40)).toBe(false);
    expect(withheldFromPublic(IndicatorUnit.PERCENT, null, 3.2)).toBe(false);
  });
});
