import { AgencyType, ServiceType, Tier } from '@kinga/shared';
import { recipientTextTier } from './referral.policy';

describe('recipientTextTier: what a recipient writes is as sensitive as what it is', () => {
  it.each<[ServiceType, AgencyType, Tier]>([
    [ServiceType.POST_EXPOSURE_PROPHYLAXIS, AgencyType.NGO, Tier.CLINICAL],
    [ServiceType.FORENSIC_EXAMINATION, AgencyType.POLICE, Tier.CLINICAL],
    [ServiceType.PSYCHOSOCIAL_SUPPORT, AgencyType.HEALTH, Tier.CLINICAL],
    [ServiceType.LEGAL_AID, AgencyType.HEALTH, Tier.CLINICAL],
    [ServiceType.PSYCHOSOCIAL_SUPPORT, AgencyType.NGO, Tier.NARRATIVE],
    [ServiceType.HELPLINE_COUNSELLING, AgencyType.NGO, Tier.NARRATIVE],
    [ServiceType.LEGAL_AID, AgencyType.NGO, Tier.IDENTIFYING],
    [ServiceType.POLICE_INVESTIGATION, AgencyType.POLICE, Tier.IDENTIFYING],
  ])('%s at a %s agency: %s', (serviceRequested, toAgencyType, tier) => {
    expect(recipientTextTier({ serviceRequested, toAgencyType }, Tier.IDENTIFYING)).toBe(tier);
  });

  it('keeps the base tier when the recipient agency is unknown and nothing else raises it', () => {
    expect(recipientTextTier({ serviceRequested: ServiceType.SAFE_SHELTER, toAgencyType: null }, Tier.IDENTIFYING)).toBe(Tier.IDENTIFYING);
  });
});
