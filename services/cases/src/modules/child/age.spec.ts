import { AgeBand } from '../case/case.enums';
import { ageBandOf, ageOn, completedYears, initialsOf } from './age';

describe('age, age band and initials', () => {
  it('counts completed years', () => {
    expect(completedYears('2010-06-15', '2025-06-14')).toBe(14);
    expect(completedYears('2010-06-15', '2025-06-15')).toBe(15);
  });

  it('ages an estimate from the day it was made', () => {
    expect(ageOn({ dateOfBirth: null, estimatedAgeYears: 9, ageEstimatedOn: '2023-01-10' }, '2025-01-10')).toBe(11);
    expect(ageOn({ dateOfBirth: null, estimatedAgeYears: null, ageEstimatedOn: null }, '2025-01-10')).toBeNull();
  });

  it('bands 0-4, 5-9, 10-14, 15-17', () => {
    expect([0, 4, 5, 9, 10, 14, 15, 17, 19].map(ageBandOf)).toEqual([
      AgeBand.AGE_0_4,
      AgeBand.AGE_0_4,
      AgeBand.AGE_5_9,
      AgeBand.AGE_5_9,
      AgeBand.AGE_10_14,
      AgeBand.AGE_10_14,
      AgeBand.AGE_15_17,
      AgeBand.AGE_15_17,
      AgeBand.AGE_15_17,
    ]);
  });

  it('gives first and last initials only', () => {
    expect(initialsOf('achieng', 'Otieno-Test')).toBe('A.O.');
  });
});
