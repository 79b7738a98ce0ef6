import { IndicatorUnit } from '../framework/framework.enums';
import { checkValuesForUnit } from './report.service';

describe('checkValuesForUnit', () => {
  const safeHouses = { name: 'No. of counties having at least one adequate and operational safe house', unit: IndicatorUnit.COUNT };

  it('takes 0 or 1 from a county for an indicator that counts counties, and names the field otherwise', () => {
    expect(() => checkValuesForUnit(safeHouses, { actualValue: 1 })).not.toThrow();
    expect(() => checkValuesForUnit(safeHouses, { actualValue: 0 })).not.toThrow();
    expect(() => checkValuesForUnit(safeHouses, { actualValue: 2 })).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'input.actualValue' }) }),
    );
  });

  it('leaves other counts alone', () => {
    expect(() => checkValuesForUnit({ name: 'No. of SEC cases prosecuted', unit: IndicatorUnit.COUNT }, { actualValue: 37 })).not.toThrow();
  });
});
