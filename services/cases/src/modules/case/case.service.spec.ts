import { DEMO_CALLERS, Role, type Caller } from '@kinga/shared';
import type { CasesContext } from '../../cases.context';
import { openCase } from './case.service';

/**
 * A request that began at 23:59:59.9 in Nairobi and is checked after midnight: the input's checks read the wall
 * clock (the new day), the case is stored by the request's (the old one). What the old day cannot hold is refused
 * before anything is written: the context's database refuses to be reached.
 */
describe('openCase across midnight', () => {
  const requestBegan = new Date('2026-03-14T20:59:59.900Z'); // 23:59:59.9 on 14 March in Nairobi
  const reachedTheDatabase = new Error('reached the database');
  const ctx = {
    now: requestBegan,
    caller: DEMO_CALLERS[Role.DCS_OFFICER] as unknown as Caller,
    db: { transaction: () => Promise.reject(reachedTheDatabase) },
  } as unknown as CasesContext;
  const child = { firstName: 'Midnight', sex: 'FEMALE', countyCode: '047', caregivers: [] };

  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-03-14T21:00:00.050Z'), doNotFake: ['nextTick', 'queueMicrotask'] }));
  afterEach(() => jest.useRealTimers());

  it('refuses a case dated the new day, which is still tomorrow for the request', async () => {
    const input = {
      countyCode: '047',
      categories: ['NEGLECT'],
      riskLevel: 'LOW',
      openedOn: '2026-03-15',
      child: { ...child, estimatedAgeYears: 14 },
    };
    await expect(openCase(ctx, input as never)).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'input.openedOn' } });
  });

  it('takes a child who turns 18 on the new day: the case opens on the old one, when the child was 17', async () => {
    const input = { countyCode: '047', categories: ['NEGLECT'], riskLevel: 'LOW', child: { ...child, dateOfBirth: '2008-03-15' } };
    await expect(openCase(ctx, input as never)).rejects.toBe(reachedTheDatabase);
  });

  it('refuses a child born on the new day for a case opened on the old one', async () => {
    const input = { countyCode: '047', categories: ['NEGLECT'], riskLevel: 'LOW', child: { ...child, dateOfBirth: '2026-03-15' } };
    await expect(openCase(ctx, input as never)).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'input.child.dateOfBirth' },
      message: 'input.child.dateOfBirth: must not be after the day the case is opened',
    });
  });
});
