import { decideFieldAccess, ownsRecord, Role, Tier, type Caller, type RecordFacts, type ReferralParty } from '@kinga/shared';
import type { CaseEntity } from './case.entity';
import { writeRefusal } from './case.service';

/**
 * The cases subgraph provides the referral parties itself, as none, where it returns only cases decided by
 * ownership (PROVIDES_PARTIES_ON_LIST, PROVIDES_PARTIES_ON_PAYLOAD). These are the two facts that make it right.
 */
const OWNER = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';
const PROVIDER = '33333333-3333-4333-8333-333333333333';

const callers: Caller[] = Object.values(Role).flatMap((role) =>
  [OWNER, OTHER, undefined].flatMap((agencyId) =>
    [['047'], ['001'], []].map((counties) => ({ sub: 's', name: 'n', role, agencyId, providerId: PROVIDER, counties })),
  ),
);
const kase = { ownerAgencyId: OWNER, countyCode: '047' } as CaseEntity;
const record = (referralParties: ReferralParty[]): RecordFacts => ({
  ownerAgencyId: OWNER,
  county: '047',
  referralParties,
  consents: [],
});

describe('cases decided by ownership', () => {
  it('every caller allowed to write a case owns or supervises it', () => {
    const writers = callers.filter((caller) => writeRefusal(caller, kase) === null);
    expect(writers.length).toBeGreaterThan(0);
    for (const caller of writers) expect(ownsRecord(caller, { ownerAgencyId: OWNER, county: '047' })).not.toBeNull();
  });

  it('for an owner or supervisor, the referral parties change no decision on any tier', () => {
    const party = { providerId: PROVIDER, agencyId: OWNER, agencyType: 'GOVERNMENT' };
    const owners = callers.filter((caller) => ownsRecord(caller, { ownerAgencyId: OWNER, county: '047' }));
    expect(owners.length).toBeGreaterThan(0);
    for (const caller of owners) {
      for (const tier of Object.values(Tier)) {
        expect(decideFieldAccess(caller, tier, record([party]))).toEqual(decideFieldAccess(caller, tier, record([])));
      }
    }
  });
});
