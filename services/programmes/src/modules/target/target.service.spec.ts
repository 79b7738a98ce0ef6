import { IndicatorUnit } from '../framework/framework.enums';
import { checkTargetValue } from './target.service';

describe('checkTargetValue', () => {
  const safeHouses = { name: 'No. of counties having at least one adequate and operational safe house', unit: IndicatorUnit.COUNT };
  const refused = expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'input.targetValue' }) });

  it('holds a count of counties to what can be met: 1 for a county, 47 nationally', () => {
    expect(() => checkTargetValue(safeHouses, '001', 1, 'input.targetValue')).not.toThrow();
    expect(() => checkTargetValue(safeHouses, '001', 3, 'input.targetValue')).toThrow(refused);
    expect(() => checkTargetValue(safeHouses, null, 47, 'input.targetValue')).not.toThrow();
    expect(() => checkTargetValue(safeHouses, null, 60, 'input.targetValue')).toThrow(refused);
  });

  it('leaves other counts to whole numbers', () => {
    const prosecuted = { name: 'No. of SEC cases prosecuted', unit: IndicatorUnit.COUNT };
    expect(() => checkTargetValue(prosecuted, '001', 300, 'input.targetValue')).not.toThrow();
    expect(() => checkTargetValue(prosecuted, '001', 2.5, 'input.targetValue')).toThrow(refused);
  });
});
