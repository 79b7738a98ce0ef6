import { Role, type Caller } from '@kinga/shared';
import { ReferralStatus } from './referral.enums';
import { ReferralAction } from './referral.lifecycle';
import type { ReferralRow } from './referral.row';
import { stepRefusal, stepsOpenTo } from './referral.transition';

const DCS = 'a0000000-0000-4000-8000-0000000000dc';
const NAIROBI_OFFICE = 'b0000000-0000-4000-8000-000000000001';
const KIAMBU_OFFICE = 'b0000000-0000-4000-8000-000000000002';
const THIRD_OFFICE = 'b0000000-0000-4000-8000-000000000003';

const officer = (providerId: string, role = Role.DCS_OFFICER): Caller => ({
  sub: `officer-at-${providerId.slice(-1)}`,
  name: 'Officer',
  role,
  agencyId: DCS,
  providerId,
  counties: ['047'],
});

/** A referral from one DCS office to another, of a case DCS owns. */
const dcsToDcs = (status: ReferralStatus) =>
  ({
    id: 'r',
    caseOwnerAgencyId: DCS,
    caseCounty: '047',
    fromProviderId: NAIROBI_OFFICE,
    fromAgencyId: DCS,
    fromAgencyType: 'GOVERNMENT',
    toProviderId: KIAMBU_OFFICE,
    toAgencyId: DCS,
    toAgencyType: 'GOVERNMENT',
    status,
  }) as unknown as ReferralRow;

describe('stepRefusal, a referral from one DCS office to another', () => {
  it('lets the receiving office decline it, not cancel it instead nor close it once declined', () => {
    const recipient = officer(KIAMBU_OFFICE);
    expect(stepRefusal(recipient, dcsToDcs(ReferralStatus.ACCEPTED), ReferralAction.CANCEL)).toMatch(/sender must be able to read why/);
    expect(stepRefusal(recipient, dcsToDcs(ReferralStatus.DECLINED), ReferralAction.CLOSE)).not.toBeNull();
    expect(stepsOpenTo(recipient, dcsToDcs(ReferralStatus.SENT))).toEqual([ReferralAction.ACKNOWLEDGE, ReferralAction.DECLINE]);
    expect(stepsOpenTo(recipient, dcsToDcs(ReferralStatus.DECLINED))).toEqual([]);
    // A referral it completed it may still close, as any sender may.
    expect(stepRefusal(recipient, dcsToDcs(ReferralStatus.COMPLETED), ReferralAction.CLOSE)).toBeNull();
  });

  it('leaves the sending office, and the agency acting for it, their own steps', () => {
    for (const sender of [officer(NAIROBI_OFFICE), officer(THIRD_OFFICE), officer(NAIROBI_OFFICE, Role.DCS_SUPERVISOR)]) {
      expect(stepRefusal(sender, dcsToDcs(ReferralStatus.ACCEPTED), ReferralAction.CANCEL)).toBeNull();
      expect(stepRefusal(sender, dcsToDcs(ReferralStatus.DECLINED), ReferralAction.CLOSE)).toBeNull();
      expect(stepRefusal(sender, dcsToDcs(ReferralStatus.SENT), ReferralAction.DECLINE)).not.toBeNull();
    }
  });
});
