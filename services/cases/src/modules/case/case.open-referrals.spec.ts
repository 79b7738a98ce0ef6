import { createLogger, type GatewayClient, type GatewayError } from '@kinga/shared';
import type { CasesContext } from '../../cases.context';
import { refuseWhileReferralsOpen } from './case.open-referrals';

/** The close's check as the gateway answers it: `data` and the field errors beside it. */
function contextAnswering(data: unknown, errors: GatewayError[]): CasesContext {
  const gateway: GatewayClient = async <T>() => ({ data: data as T, errors });
  return { gateway, authorization: 'Bearer t', requestId: 'r', logger: createLogger('test', 'silent') } as unknown as CasesContext;
}

const CASE_ID = '6f1c2d3e-4b5a-4c6d-8e7f-8091a2b3c4d5';

describe('refuseWhileReferralsOpen', () => {
  it('leaves a case refused or not there to the close itself', async () => {
    const refusedCase = contextAnswering({ case: null }, [{ message: 'no', path: ['case'], extensions: { code: 'FORBIDDEN' } }]);
    await expect(refuseWhileReferralsOpen(refusedCase, CASE_ID)).resolves.toBeUndefined();
  });

  it('refuses the close when the referrals themselves were refused, instead of reading that as none open', async () => {
    const expired = contextAnswering({ case: { referrals: null } }, [
      { message: 'token expired', path: ['case', 'referrals'], extensions: { code: 'UNAUTHENTICATED' } },
    ]);
    await expect(refuseWhileReferralsOpen(expired, CASE_ID)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    const refused = contextAnswering({ case: { referrals: null } }, [
      { message: 'no', path: ['case', 'referrals'], extensions: { code: 'FORBIDDEN' } },
    ]);
    await expect(refuseWhileReferralsOpen(refused, CASE_ID)).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
  });

  it('names the open referrals in a CONFLICT', async () => {
    const open = contextAnswering(
      { case: { referrals: { totalCount: 1, edges: [{ node: { reference: 'KE-047-2026-000001', status: 'IN_PROGRESS' } }] } } },
      [],
    );
    await expect(refuseWhileReferralsOpen(open, CASE_ID)).rejects.toMatchObject({
      extensions: { code: 'CONFLICT' },
      message: expect.stringContaining('KE-047-2026-000001 (IN_PROGRESS)'),
    });
  });
});
