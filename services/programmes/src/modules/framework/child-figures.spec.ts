import { countsChildrenHarmed, isAboutChildrenHarmed, withheldFromPublic } from './child-figures';
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
    // The children supported or served: survivors given a livelihood (RRR-4/1), the referral centres' beneficiaries (PROT-1/4).
    expect(count('No. of children who have been supported through alternative means of livelihood')).toBe(true);
    expect(count('No. of beneficiaries')).toBe(true);
    expect(count('No. of vulnerable households with improved livelihoods')).toBe(false);
  });

  it('include a qualitative indicator about them, whose words can describe the children, but not case management or a budget', () => {
    expect(isAboutChildrenHarmed({ name: 'Children facing harmful cultural practices seeking refuge in safe houses' })).toBe(true);
    expect(isAboutChildrenHarmed({ name: 'Reduced cases of SEC' })).toBe(true);
    // Its lines report incidents (FGM, child marriage) in one county and quarter, as case counts do.
    expect(isAboutChildrenHarmed({ name: 'Increase in the reporting of harmful cultural practices' })).toBe(true);
    expect(countsChildrenHarmed({ name: 'Reduced cases of SEC', unit: IndicatorUnit.QUALITATIVE })).toBe(false);
    expect(isAboutChildrenHarmed({ name: 'Improved case management and referral system' })).toBe(false);
    expect(
      isAboutChildrenHarmed({
        name: 'Annual county/ national budgetary allocations for the recovery and reintegration of child victims of SEC',
      }),
    ).toBe(false);
  });

  it('are withheld for every county, nationally as a count below 5 or as one county’s figure, and not as a percentage of several', () => {
    const several = (actual: number | null) => ({ actual, countiesReported: 3 });
    expect(withheldFromPublic(IndicatorUnit.COUNT, '047', several(120))).toBe(true);
    expect(withheldFromPublic(IndicatorUnit.COUNT, null, several(3))).toBe(true);
    expect(withheldFromPublic(IndicatorUnit.COUNT, null, several(0))).toBe(false);
    expect(withheldFromPublic(IndicatorUnit.COUNT, null, several(40))).toBe(false);
    expect(withheldFromPublic(IndicatorUnit.PERCENT, null, several(3.2))).toBe(false);
    expect(withheldFromPublic(IndicatorUnit.COUNT, null, { actual: 40, countiesReported: 1 })).toBe(true);
    expect(withheldFromPublic(IndicatorUnit.PERCENT, null, { actual: 62.5, countiesReported: 1 })).toBe(true);
    expect(withheldFromPublic(IndicatorUnit.COUNT, null, { actual: null, countiesReported: 0 })).toBe(false);
  });
});
