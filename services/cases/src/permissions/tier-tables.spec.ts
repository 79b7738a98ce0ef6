import { ConsentBasis, decideFieldAccess, Role, sensitiveFieldsLoggedInClear, Tier, type Caller, type RecordFacts } from '@kinga/shared';
import { GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { buildCasesSchema } from '../cases.schema';
import { CHILD_FIELD_TIERS } from '../modules/child/child.policy';
import { TIER_TABLES } from './who-can-see-what';

const DCS = '11111111-1111-4111-8111-111111111111';
const NPS = '22222222-2222-4222-8222-222222222222';
const CPU = '33333333-3333-4333-8333-333333333333';

const caller = (role: Role, agencyId: string, counties: string[], providerId?: string): Caller => ({
  sub: 's',
  name: 'n',
  role,
  agencyId,
  providerId,
  counties,
});
const facts = (overrides: Partial<RecordFacts> = {}): RecordFacts => ({
  ownerAgencyId: DCS,
  county: '047',
  referralParties: [],
  consents: [],
  ...overrides,
});

/** @inaccessible facts the subgraphs exchange through the gateway; no client sees them, so they carry no tier. */
const CROSS_SUBGRAPH_FACTS = ['referralParties', 'liveConsents', 'subjectAccessGrant'];

describe('the tier tables', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildCasesSchema();
  });

  it.each(TIER_TABLES.map(([typeName, table, reachedThrough]) => ({ typeName, table, parentField: reachedThrough.split('.')[1] })))(
    'keep every field of $typeName above OPERATIONAL out of the logs, by its own name',
    ({ typeName, table, parentField }) => {
      // A caregiver's `name` is a word logs use for other things; it is censored as part of `caregivers`, the
      // only place a caregiver is found, and checked there below.
      expect(sensitiveFieldsLoggedInClear(table)).toEqual(typeName === 'Caregiver' ? ['name'] : []);
      if (parentField) expect(sensitiveFieldsLoggedInClear(table, parentField)).toEqual([]);
    },
  );

  it.each(TIER_TABLES.map(([typeName, table]) => ({ typeName, table })))(
    'give every field of $typeName a tier, and no other',
    ({ typeName, table }) => {
      const type = schema.getType(typeName) as GraphQLObjectType;
      const fields = Object.keys(type.getFields()).filter((f) => !CROSS_SUBGRAPH_FACTS.includes(f));
      expect(Object.keys(table).sort()).toEqual(fields.sort());
    },
  );

  it('make every field above OPERATIONAL nullable', () => {
    for (const [typeName, table] of TIER_TABLES) {
      const type = schema.getType(typeName) as GraphQLObjectType;
      for (const [field, tier] of Object.entries(table)) {
        if (tier === Tier.PUBLIC || tier === Tier.OPERATIONAL) continue;
        expect({ field: `${typeName}.${field}`, nullable: !String(type.getFields()[field].type).endsWith('!') }).toEqual({
          field: `${typeName}.${field}`,
          nullable: true,
        });
      }
    }
  });

  // Every field's tier, written out: moving one (a child's location to OPERATIONAL, read by a partner system and
  // no longer audited) is a decision made here, in review, and not a side effect of regenerating the README's
  // table with UPDATE_WHO_CAN_SEE_WHAT.
  it('hold every field of a child, a case, a caregiver, a consent and a note to its tier', () => {
    const O = Tier.OPERATIONAL;
    const I = Tier.IDENTIFYING;
    const N = Tier.NARRATIVE;
    expect(Object.fromEntries(TIER_TABLES.map(([typeName, table]) => [typeName, table]))).toEqual({
      Case: {
        id: Tier.PUBLIC,
        caseNumber: O,
        countyCode: O,
        county: O,
        status: O,
        categories: O,
        riskLevel: O,
        ownerAgency: O,
        ownerProvider: O,
        assignedOfficerSub: O,
        assignedOfficerName: O,
        openedOn: O,
        closedOn: O,
        erasedAt: O,
        createdAt: O,
        updatedAt: O,
        version: O,
        child: O,
        consents: O,
        clinicalNotes: Tier.CLINICAL,
        closeReason: N,
        incidentNarrative: N,
        perpetratorDetails: N,
        notes: N,
      },
      Child: {
        id: O,
        sex: O,
        ageBand: O,
        initials: O,
        countyCode: O,
        firstName: I,
        middleName: I,
        lastName: I,
        dateOfBirth: I,
        estimatedAgeYears: I,
        subCounty: I,
        location: I,
        school: I,
        birthCertificateNumber: I,
        disability: I,
        caregivers: I,
        formerCaregivers: I,
      },
      Caregiver: { name: I, relationship: I, phone: I, removedAt: O },
      Consent: {
        id: O,
        basis: O,
        agencyIds: O,
        agencyTypes: O,
        tiers: O,
        purpose: I,
        givenAt: O,
        expiresAt: O,
        revokedAt: O,
        active: O,
        revocationReason: N,
      },
      CaseNote: { id: O, authorName: O, authorSub: O, createdAt: O, body: N },
    });
  });
});

describe("who may see a child's date of birth (Child.dateOfBirth, decided by decideFieldAccess)", () => {
  const tier = CHILD_FIELD_TIERS.dateOfBirth;
  const now = new Date('2026-06-01T00:00:00Z');
  const policeParty = { providerId: CPU, agencyId: NPS, agencyType: 'POLICE' };
  const mandatory = {
    basis: ConsentBasis.MANDATORY_REPORTING,
    agencyIds: [],
    agencyTypes: ['POLICE'],
    tiers: [Tier.OPERATIONAL, Tier.IDENTIFYING],
    expiresAt: null,
    revokedAt: null,
  };

  it('the owning officer in the county', () => {
    expect(decideFieldAccess(caller(Role.DCS_OFFICER, DCS, ['047']), tier, facts(), now)).toEqual({ allowed: true, via: 'OWNER' });
    expect(decideFieldAccess(caller(Role.DCS_OFFICER, DCS, ['001']), tier, facts(), now)).toEqual({
      allowed: false,
      reason: 'NO_RELATIONSHIP',
    });
  });

  it('the police unit of an open referral, under mandatory reporting, until it is revoked', () => {
    const police = caller(Role.POLICE_CPU, NPS, ['047'], CPU);
    expect(decideFieldAccess(police, tier, facts({ referralParties: [policeParty], consents: [mandatory] }), now).allowed).toBe(true);
    expect(decideFieldAccess(police, tier, facts({ referralParties: [policeParty] }), now)).toEqual({
      allowed: false,
      reason: 'NO_CONSENT',
    });
    expect(decideFieldAccess(police, tier, facts({ consents: [mandatory] }), now)).toEqual({ allowed: false, reason: 'NO_RELATIONSHIP' });
    const revoked = { ...mandatory, revokedAt: new Date('2026-05-01T00:00:00Z') };
    expect(decideFieldAccess(police, tier, facts({ referralParties: [policeParty], consents: [revoked] }), now).allowed).toBe(false);
    const expired = { ...mandatory, expiresAt: new Date('2026-05-31T00:00:00Z') };
    expect(decideFieldAccess(police, tier, facts({ referralParties: [policeParty], consents: [expired] }), now).allowed).toBe(false);
  });

  it('never a partner system, an analyst or the DPO, whatever their relationship', () => {
    for (const role of [Role.PARTNER_SYSTEM, Role.ANALYST, Role.PROGRAMME_OFFICER, Role.DIRECTORY_ADMIN, Role.DATA_PROTECTION_OFFICER]) {
      expect(decideFieldAccess(caller(role, DCS, ['047']), tier, facts(), now)).toEqual({ allowed: false, reason: 'ROLE_TIER' });
    }
  });
});
