import { Role, type Caller } from '@kinga/shared';
import { visibilityCondition, visibilityImpliedBy } from './referral.access';

const PROVIDER = 'b0000000-0000-4000-8000-000000000001';
const AGENCY = 'a0000000-0000-4000-8000-000000000002';
const caller = (role: Role, extra: Partial<Caller> = {}): Caller => ({ sub: 's', name: 'n', role, counties: ['047'], ...extra });

describe('visibilityImpliedBy', () => {
  it('holds only for a party clause that visibilityCondition itself would allow', () => {
    const police = caller(Role.POLICE_CPU, { agencyId: AGENCY, providerId: PROVIDER });
    expect(visibilityImpliedBy(police, 'provider', PROVIDER)).toBe(true);
    const policeParams: unknown[] = [];
    const policeCondition = visibilityCondition(police, 'r', policeParams);
    const policeClause = /r\.to_provider_id = \$(\d+)/.exec(policeCondition);
    expect(policeClause).not.toBeNull();
    expect(policeParams[Number(policeClause![1]) - 1]).toBe(PROVIDER);
    expect(visibilityImpliedBy(police, 'provider', 'b0000000-0000-4000-8000-00000000ffff')).toBe(false);
    expect(visibilityImpliedBy(police, 'agency', AGENCY)).toBe(false);

    const partner = caller(Role.PARTNER_SYSTEM, { agencyId: AGENCY, counties: [] });
    expect(visibilityImpliedBy(partner, 'agency', AGENCY)).toBe(true);
    const partnerParams: unknown[] = [];
    const partnerCondition = visibilityCondition(partner, 'r', partnerParams);
    const partnerClause = /r\.to_agency_id = \$(\d+)/.exec(partnerCondition);
    expect(partnerClause).not.toBeNull();
    expect(partnerParams[Number(partnerClause![1]) - 1]).toBe(AGENCY);
    expect(visibilityImpliedBy(partner, 'provider', PROVIDER)).toBe(false);
  });

  it('never holds for a caller who may not read referrals at all', () => {
    expect(visibilityImpliedBy(null, 'provider', PROVIDER)).toBe(false);
    const analyst = caller(Role.ANALYST, { providerId: PROVIDER });
    expect(visibilityCondition(analyst, 'r', [])).toBe('false');
    expect(visibilityImpliedBy(analyst, 'provider', PROVIDER)).toBe(false);
  });
});
