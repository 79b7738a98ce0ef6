import { Role, Tier } from '@kinga/shared';
import { startSystem, type KingaSystem } from '../harness/start-system';
import { callerFor, CHILD_INPUT, must, OFFICER, openFixtureCase, PARTY_POINT, recordConsent, referTo, yearsAgo } from './fixtures';

const AGE_BAND = `query($id: ID!) { case(id: $id) { child { ageBand } } }`;

/**
 * Today's age band moves on the day the child turns 5, 10 or 15: read every day by a party that may not read the
 * date of birth, it would give the birthday away. Such a party is given the band of the day the case was opened.
 */
describe('Child.ageBand: today’s only to those who may read the date of birth', () => {
  let system: KingaSystem;
  let operationalOnly: string;
  let identifying: string;

  beforeAll(async () => {
    system = await startSystem({ subgraphs: ['directory', 'cases', 'referrals'], demoData: true });
    // Fourteen when the case was opened two years ago, sixteen today.
    const open = async () => {
      const { id } = await openFixtureCase(system, { openedOn: yearsAgo(2), child: { ...CHILD_INPUT, dateOfBirth: yearsAgo(16) } });
      await referTo(system, id, PARTY_POINT[Role.NGO_CASEWORKER]);
      return id;
    };
    operationalOnly = await open();
    await recordConsent(system, {
      caseId: operationalOnly,
      basis: 'CAREGIVER',
      agencyIds: [PARTY_POINT[Role.NGO_CASEWORKER].agencyId],
      tiers: [Tier.OPERATIONAL],
      purpose: 'Age band test: status only',
    });
    identifying = await open();
    await referTo(system, identifying, PARTY_POINT[Role.PARTNER_SYSTEM]);
    await recordConsent(system, {
      caseId: identifying,
      basis: 'CAREGIVER',
      agencyIds: [PARTY_POINT[Role.NGO_CASEWORKER].agencyId, PARTY_POINT[Role.PARTNER_SYSTEM].agencyId],
      tiers: [Tier.OPERATIONAL, Tier.IDENTIFYING],
      purpose: 'Age band test: services',
    });
  }, 120_000);
  afterAll(async () => {
    await system?.stop();
  });

  const bandOf = async (caseId: string, role: Role) =>
    (await must<{ case: { child: { ageBand: string } } }>(system, callerFor(role, 'party, consent given'), AGE_BAND, { id: caseId })).case
      .child.ageBand;

  it('gives the owner and a party whose consent covers IDENTIFYING the band of today', async () => {
    expect(
      (await must<{ case: { child: { ageBand: string } } }>(system, OFFICER, AGE_BAND, { id: operationalOnly })).case.child.ageBand,
    ).toBe('AGE_15_17');
    expect(await bandOf(identifying, Role.NGO_CASEWORKER)).toBe('AGE_15_17');
  });

  it('gives a party that may read OPERATIONAL only the band of the day the case was opened', async () => {
    expect(await bandOf(operationalOnly, Role.NGO_CASEWORKER)).toBe('AGE_10_14');
    // A machine client never reads IDENTIFYING, whatever the consent says.
    expect(await bandOf(identifying, Role.PARTNER_SYSTEM)).toBe('AGE_10_14');
  });
});
