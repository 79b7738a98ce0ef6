import { Role, Tier } from '@kinga/shared';
import { postGraphql, type RawGraphqlResponse } from '@kinga/shared/testing';
import { startSystem, type KingaSystem } from '../harness/start-system';
import {
  callerFor,
  cancelReferral,
  OWNER_AGENCY,
  openFixtureCase,
  PARTY_POINT,
  recordConsent,
  referTo,
  REFERRED_TO,
  representationOf,
  must,
  gql,
  OFFICER,
  type Relationship,
} from './fixtures';

const { OPERATIONAL: O, IDENTIFYING: I, CLINICAL: C, NARRATIVE: N } = Tier;
const NONE: Tier[] = [];
/** The root query itself is refused: the role may never be related to a case. */
const NO_CASE_ACCESS = 'root query FORBIDDEN' as const;

/**
 * THE PERMISSION MATRIX, as a reviewer reads it: role × relationship → the tiers of a case that role sees,
 * through the gateway (root query `case(id)`) and through `_entities` (what the gateway sends the cases
 * subgraph). Every other tier must come back null with a FORBIDDEN error on its path. A DCS party is an office of
 * the owning agency in another county (PARTY_POINT): rule 3 asks no consent of the owner, so only the end of its
 * referral ends what it reads.
 */
const MATRIX: ReadonlyArray<[Role, Relationship, readonly Tier[] | typeof NO_CASE_ACCESS]> = [
  [Role.DCS_OFFICER, 'owner', [O, I, C, N]],
  [Role.DCS_OFFICER, 'party, consent given', [O, I, C, N]],
  [Role.DCS_OFFICER, 'party, consent OPERATIONAL only (by agency type)', [O, I, C, N]],
  [Role.DCS_OFFICER, 'party, consent expired', [O, I, C, N]],
  [Role.DCS_OFFICER, 'party, consent revoked', [O, I, C, N]],
  [Role.DCS_OFFICER, 'party of a cancelled referral, consent given', NONE],
  [Role.DCS_OFFICER, 'stranger', NONE],
  [Role.DCS_OFFICER, 'other county', NONE],

  [Role.DCS_SUPERVISOR, 'owner', [O, I, C, N]],
  [Role.DCS_SUPERVISOR, 'party, consent given', [O, I, C, N]],
  [Role.DCS_SUPERVISOR, 'party, consent OPERATIONAL only (by agency type)', [O, I, C, N]],
  [Role.DCS_SUPERVISOR, 'party, consent expired', [O, I, C, N]],
  [Role.DCS_SUPERVISOR, 'party, consent revoked', [O, I, C, N]],
  [Role.DCS_SUPERVISOR, 'party of a cancelled referral, consent given', NONE],
  [Role.DCS_SUPERVISOR, 'stranger', NONE],
  [Role.DCS_SUPERVISOR, 'other county', NONE],

  [Role.POLICE_CPU, 'owner', [O, I]],
  [Role.POLICE_CPU, 'party, consent given', [O, I]],
  [Role.POLICE_CPU, 'party, consent OPERATIONAL only (by agency type)', [O]],
  [Role.POLICE_CPU, 'party, consent expired', NONE],
  [Role.POLICE_CPU, 'party, consent revoked', NONE],
  [Role.POLICE_CPU, 'party of a cancelled referral, consent given', NONE],
  [Role.POLICE_CPU, 'stranger', NONE],
  [Role.POLICE_CPU, 'other county', NONE],

  [Role.GBVRC_CLINICIAN, 'owner', [O, I, C]],
  [Role.GBVRC_CLINICIAN, 'party, consent given', [O, I, C]],
  [Role.GBVRC_CLINICIAN, 'party, consent OPERATIONAL only (by agency type)', [O]],
  [Role.GBVRC_CLINICIAN, 'party, consent expired', NONE],
  [Role.GBVRC_CLINICIAN, 'party, consent revoked', NONE],
  [Role.GBVRC_CLINICIAN, 'party of a cancelled referral, consent given', NONE],
  [Role.GBVRC_CLINICIAN, 'stranger', NONE],
  [Role.GBVRC_CLINICIAN, 'other county', NONE],

  [Role.NGO_CASEWORKER, 'owner', [O, I]],
  [Role.NGO_CASEWORKER, 'party, consent given', [O, I]],
  [Role.NGO_CASEWORKER, 'party, consent OPERATIONAL only (by agency type)', [O]],
  [Role.NGO_CASEWORKER, 'party, consent expired', NONE],
  [Role.NGO_CASEWORKER, 'party, consent revoked', NONE],
  [Role.NGO_CASEWORKER, 'party of a cancelled referral, consent given', NONE],
  [Role.NGO_CASEWORKER, 'stranger', NONE],
  [Role.NGO_CASEWORKER, 'other county', NONE],

  [Role.PARTNER_SYSTEM, 'owner', [O]],
  [Role.PARTNER_SYSTEM, 'party, consent given', [O]],
  [Role.PARTNER_SYSTEM, 'party, consent OPERATIONAL only (by agency type)', [O]],
  [Role.PARTNER_SYSTEM, 'party, consent expired', NONE],
  [Role.PARTNER_SYSTEM, 'party, consent revoked', NONE],
  [Role.PARTNER_SYSTEM, 'party of a cancelled referral, consent given', NONE],
  [Role.PARTNER_SYSTEM, 'stranger', NONE],
  // A machine client acts for its whole agency: a DCS system outside the county is still party to the
  // referrals DCS sent, and the consent names DCS, so OPERATIONAL (all its role may read) is open to it.
  [Role.PARTNER_SYSTEM, 'other county', [O]],

  ...[Role.PROGRAMME_OFFICER, Role.ANALYST, Role.DIRECTORY_ADMIN, Role.DATA_PROTECTION_OFFICER].flatMap((role) =>
    (
      [
        'owner',
        'party, consent given',
        'party, consent OPERATIONAL only (by agency type)',
        'party, consent expired',
        'party, consent revoked',
        'party of a cancelled referral, consent given',
        'stranger',
        'other county',
      ] as const
    ).map((relationship): [Role, Relationship, typeof NO_CASE_ACCESS] => [role, relationship, NO_CASE_ACCESS]),
  ),
];

/** One or more fields per tier, as paths inside the case; each fixture case has a value in every one. */
const PROBES: ReadonlyArray<[Tier, string[]]> = [
  [O, ['caseNumber']],
  [O, ['status']],
  [O, ['child', 'ageBand']],
  [O, ['child', 'initials']],
  [O, ['consents']],
  [I, ['child', 'firstName']],
  [I, ['child', 'dateOfBirth']],
  [I, ['child', 'caregivers']],
  // Inside the lists too: a list handed over with its items' fields refused would pass the probe above.
  [I, ['child', 'caregivers', '0', 'phone']],
  [I, ['child', 'formerCaregivers']],
  [C, ['clinicalNotes']],
  [N, ['incidentNarrative']],
  [N, ['perpetratorDetails']],
  [N, ['notes']],
  [N, ['notes', 'edges', '0', 'node', 'body']],
];
const CASE_SELECTION = `id caseNumber status clinicalNotes incidentNarrative perpetratorDetails
  child { ageBand initials firstName dateOfBirth caregivers { name phone } formerCaregivers { totalCount } }
  consents { basis } notes(first: 5) { edges { node { body } } }`;

type Body = RawGraphqlResponse['body'];

function valueAt(root: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>(
    (value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined),
    root,
  );
}

/** A denied field is null, and a FORBIDDEN error names it (or the denied field above it). */
function expectTiers(body: Body, prefix: ReadonlyArray<string | number>, record: unknown, visible: readonly Tier[]): void {
  for (const [tier, path] of PROBES) {
    const value = valueAt(record, path);
    const where = `${tier} ${path.join('.')}`;
    if (visible.includes(tier)) {
      expect({ where, value: value ?? null }).toEqual({ where, value: expect.anything() });
      continue;
    }
    expect({ where, value: value ?? null }).toEqual({ where, value: null });
    const forbiddenPaths = (body.errors ?? []).filter((e) => e.extensions?.code === 'FORBIDDEN').map((e) => (e.path ?? []).join('.'));
    const candidates = path.map((_p, i) => [...prefix, ...path.slice(0, i + 1)].join('.'));
    expect({ where, forbidden: forbiddenPaths.some((p) => candidates.includes(p)) }).toEqual({ where, forbidden: true });
  }
}

describe('the permission matrix: role × tier × relationship × (root query, _entities)', () => {
  let system: KingaSystem;
  const caseOf: Partial<Record<Relationship, string>> = {};

  beforeAll(async () => {
    system = await startSystem({ subgraphs: ['directory', 'cases', 'referrals'], demoData: true });
    const allParties = [...new Set(REFERRED_TO.map((p) => p.agencyId))];
    const allTiers = [O, I, C, N];
    const given = await openFixtureCase(system);
    await recordConsent(system, {
      caseId: given.id,
      basis: 'CAREGIVER',
      agencyIds: allParties,
      tiers: allTiers,
      purpose: 'Matrix: services',
    });
    const operationalOnly = await openFixtureCase(system);
    await recordConsent(system, {
      caseId: operationalOnly.id,
      basis: 'CAREGIVER',
      agencyTypes: ['GOVERNMENT', 'POLICE', 'HEALTH', 'NGO'],
      tiers: [O],
      purpose: 'Matrix: status only',
    });
    const expired = await openFixtureCase(system);
    const expiredId = await recordConsent(system, {
      caseId: expired.id,
      basis: 'COURT_ORDER',
      agencyIds: allParties,
      tiers: allTiers,
      purpose: 'Matrix: expired',
      givenAt: new Date(Date.now() - 10 * 86_400_000).toISOString(),
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    // A consent is recorded before it expires (one already expired is refused); time then passes.
    await system.subgraphs.cases!.database.dataSource.query(
      `UPDATE cases.consent SET expires_at = now() - interval '1 day' WHERE id = $1`,
      [expiredId],
    );
    const revoked = await openFixtureCase(system);
    const consentId = await recordConsent(system, {
      caseId: revoked.id,
      basis: 'CHILD',
      agencyIds: allParties,
      tiers: allTiers,
      purpose: 'Matrix: revoked',
    });
    await must(system, OFFICER, `mutation R($input: RevokeConsentInput!) { revokeConsent(input: $input) { consent { id } } }`, {
      input: { consentId, reason: 'Matrix: the child withdrew consent' },
    });
    const cancelled = await openFixtureCase(system);
    await recordConsent(system, {
      caseId: cancelled.id,
      basis: 'CAREGIVER',
      agencyIds: allParties,
      tiers: allTiers,
      purpose: 'Matrix: cancelled',
    });
    for (const record of [given, operationalOnly, expired, revoked]) {
      for (const party of REFERRED_TO) await referTo(system, record.id, party);
    }
    for (const party of REFERRED_TO) await cancelReferral(system, await referTo(system, cancelled.id, party));
    caseOf['owner'] = given.id;
    caseOf['stranger'] = given.id;
    caseOf['other county'] = given.id;
    caseOf['party, consent given'] = given.id;
    caseOf['party, consent OPERATIONAL only (by agency type)'] = operationalOnly.id;
    caseOf['party, consent expired'] = expired.id;
    caseOf['party, consent revoked'] = revoked.id;
    caseOf['party of a cancelled referral, consent given'] = cancelled.id;
  }, 180_000);
  afterAll(() => system?.stop());

  it('covers every role and every relationship', () => {
    expect(new Set(MATRIX.map(([role]) => role)).size).toBe(Object.values(Role).length);
    expect(MATRIX.length).toBe(Object.values(Role).length * 8);
    expect(PARTY_POINT[Role.DCS_OFFICER].agencyId).toBe(OWNER_AGENCY);
  });

  it('tells a refused caller why, so that they know whom to ask: role, relationship or consent', async () => {
    const refusalOf = async (role: Role, relationship: Relationship, field: string) => {
      const { body } = await system.request(
        `query Why($id: ID!) { case(id: $id) { ${field} } }`,
        { id: caseOf[relationship] },
        system.token(callerFor(role, relationship)),
      );
      return body.errors?.[0];
    };
    expect(await refusalOf(Role.POLICE_CPU, 'party, consent given', 'clinicalNotes')).toMatchObject({
      message: 'You may not see clinicalNotes of this case: your role never reads CLINICAL data',
      extensions: { code: 'FORBIDDEN' },
    });
    expect((await refusalOf(Role.GBVRC_CLINICIAN, 'stranger', 'status'))?.message).toBe(
      'You may not see status of this case: you neither own this case nor are party to an open referral of it',
    );
    expect((await refusalOf(Role.NGO_CASEWORKER, 'party, consent OPERATIONAL only (by agency type)', 'child { firstName }'))?.message).toBe(
      'You may not see firstName of this child: no live consent of the case covers your agency for IDENTIFYING data; the office that owns the case records consents',
    );
  });

  it("shows a referral's party only the consents addressed to its agency, and the owner every one", async () => {
    const record = await openFixtureCase(system);
    const clinic = PARTY_POINT[Role.GBVRC_CLINICIAN];
    const ngo = PARTY_POINT[Role.NGO_CASEWORKER];
    const police = PARTY_POINT[Role.POLICE_CPU];
    const consents: Array<{ basis: string; agencyIds?: string[]; agencyTypes?: string[]; tiers: string[]; purpose: string }> = [
      { basis: 'CAREGIVER', agencyIds: [clinic.agencyId], tiers: [O, I, C], purpose: 'Matrix: PEP and forensic examination' },
      { basis: 'MANDATORY_REPORTING', agencyTypes: ['POLICE'], tiers: [O, I], purpose: 'Matrix: police investigation' },
      { basis: 'COURT_ORDER', agencyIds: [ngo.agencyId], tiers: [O, I], purpose: 'Matrix: legal aid under a court order' },
      // One consent for two agencies, as an officer would record it: each sees it, neither learns of the other.
      {
        basis: 'CAREGIVER',
        agencyIds: [clinic.agencyId, police.agencyId],
        agencyTypes: ['HEALTH', 'POLICE'],
        tiers: [O, I],
        purpose: 'Matrix: treatment and investigation',
      },
    ];
    for (const consent of consents) await recordConsent(system, { caseId: record.id, ...consent });
    for (const role of [Role.GBVRC_CLINICIAN, Role.POLICE_CPU]) await referTo(system, record.id, PARTY_POINT[role]);
    type Seen = { purpose: string; agencyIds: string[]; agencyTypes: string[] };
    const consentsSeenBy = async (role: Role, relationship: Relationship) => {
      const data = await must<{ case: { consents: Seen[] } }>(
        system,
        callerFor(role, relationship),
        `query MatrixConsents($id: ID!) { case(id: $id) { consents { purpose agencyIds agencyTypes } } }`,
        { id: record.id },
      );
      return data.case.consents;
    };
    expect(await consentsSeenBy(Role.GBVRC_CLINICIAN, 'party, consent given')).toEqual([
      { purpose: 'Matrix: PEP and forensic examination', agencyIds: [clinic.agencyId], agencyTypes: [] },
      { purpose: 'Matrix: treatment and investigation', agencyIds: [clinic.agencyId], agencyTypes: ['HEALTH'] },
    ]);
    expect(await consentsSeenBy(Role.POLICE_CPU, 'party, consent given')).toEqual([
      { purpose: 'Matrix: police investigation', agencyIds: [], agencyTypes: ['POLICE'] },
      { purpose: 'Matrix: treatment and investigation', agencyIds: [police.agencyId], agencyTypes: ['POLICE'] },
    ]);
    // The purpose is the officer's words (IDENTIFYING): a party whose consent opens OPERATIONAL alone reads that
    // it is covered, not what was written.
    const statusOnly = await openFixtureCase(system);
    await recordConsent(system, {
      caseId: statusOnly.id,
      basis: 'CAREGIVER',
      agencyIds: [ngo.agencyId],
      tiers: [O],
      purpose: 'Matrix: words for the NGO',
    });
    await referTo(system, statusOnly.id, ngo);
    const { body: operationalOnly } = await gql<{ case: { consents: Array<{ agencyIds: string[]; purpose: string | null }> } }>(
      system,
      callerFor(Role.NGO_CASEWORKER, 'party, consent given'),
      `query MatrixConsents($id: ID!) { case(id: $id) { consents { agencyIds purpose } } }`,
      { id: statusOnly.id },
    );
    expect(operationalOnly.data?.case.consents).toEqual([{ agencyIds: [ngo.agencyId], purpose: null }]);
    expect(operationalOnly.errors?.map((e) => [e.extensions?.code, e.path?.join('.')])).toEqual([['FORBIDDEN', 'case.consents.0.purpose']]);
    expect(JSON.stringify(operationalOnly)).not.toContain('words for the NGO');
    const everyConsent = consents.map((consent) => ({
      purpose: consent.purpose,
      agencyIds: consent.agencyIds ?? [],
      agencyTypes: consent.agencyTypes ?? [],
    }));
    expect(await consentsSeenBy(Role.DCS_OFFICER, 'owner')).toEqual(everyConsent);
    // The owner's office in another county, sent the child, reads the case as the owner does, consents and all:
    // none names it, and an empty list would say the clinic it may refer to on is not covered.
    await referTo(system, record.id, PARTY_POINT[Role.DCS_OFFICER]);
    expect(await consentsSeenBy(Role.DCS_OFFICER, 'party, consent given')).toEqual(everyConsent);
  });

  describe.each(MATRIX.map(([role, relationship, visible]) => ({ role, relationship, visible })))(
    '$role, $relationship',
    ({ role, relationship, visible }) => {
      it('root query through the gateway', async () => {
        const claims = callerFor(role, relationship);
        const { status, body } = await system.request<{ case: unknown }>(
          `query MatrixRoot($id: ID!) { case(id: $id) { ${CASE_SELECTION} } }`,
          { id: caseOf[relationship] },
          system.token(claims),
        );
        expect(status).toBe(200);
        if (visible === NO_CASE_ACCESS) {
          expect(body.data?.case ?? null).toBeNull();
          expect(body.errors?.find((e) => e.path?.join('.') === 'case')?.extensions?.code).toBe('FORBIDDEN');
          return;
        }
        expect(body.data?.case).toBeTruthy();
        expectTiers(body, ['case'], body.data?.case, visible);
      });

      // A referral's reason is IDENTIFYING and decided with the case's facts: it follows the matrix's I column.
      // A caller refused the case is refused its referrals with it (the root query's test above).
      if (visible !== NO_CASE_ACCESS)
        it("the reasons of the case's referrals the caller may list, through the gateway", async () => {
          const claims = callerFor(role, relationship);
          const { body } = await system.request<{
            case: { referrals: { edges: Array<{ node: { reason: string | null } }> } | null } | null;
          }>(
            `query MatrixReasons($id: ID!) { case(id: $id) { referrals(first: 20) { edges { node { reason } } } } }`,
            { id: caseOf[relationship] },
            system.token(claims),
          );
          const reasons = (body.data?.case?.referrals?.edges ?? []).map((edge) => edge.node.reason);
          if (visible.includes(I)) {
            expect(reasons.length).toBeGreaterThan(0);
            expect(reasons).toEqual(reasons.map(() => 'Matrix referral (invented)'));
            return;
          }
          expect(reasons).toEqual(reasons.map(() => null));
          expect(JSON.stringify(body)).not.toContain('Matrix referral');
          // Whoever sees any of the case lists its referrals and is refused their reasons, field by field; an empty
          // list would prove nothing. (A stranger, or another county, lists none.)
          if (visible.length > 0) expect(reasons.length).toBeGreaterThan(0);
          const refused = (body.errors ?? []).filter((e) => e.extensions?.code === 'FORBIDDEN').map((e) => (e.path ?? []).join('.'));
          expect(refused).toEqual(expect.arrayContaining(reasons.map((_r, i) => `case.referrals.edges.${i}.node.reason`)));
        });

      it('_entities, as the gateway calls the cases subgraph', async () => {
        const claims = callerFor(role, relationship);
        const representation = await representationOf(system, caseOf[relationship] as string, claims);
        const { body } = await postGraphql<{ _entities: unknown[] }>(
          system.subgraphs.cases!.url,
          `query MatrixEntities($r: [_Any!]!) { _entities(representations: $r) { ... on Case { ${CASE_SELECTION} } } }`,
          { r: [representation] },
          { token: system.token(claims) },
        );
        expectTiers(body, ['_entities', 0], body.data?._entities?.[0], visible === NO_CASE_ACCESS ? NONE : visible);
      });
    },
  );
});
