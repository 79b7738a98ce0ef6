import { Role } from '@kinga/shared';
import { startSystem, type KingaSystem } from '../harness/start-system';
import { CHILD_INPUT, OFFICER, openFixtureCase } from './fixtures';

describe('logs of the whole system while a child’s record is written and read', () => {
  let system: KingaSystem;
  const lines: string[] = [];

  beforeAll(async () => {
    system = await startSystem({
      subgraphs: ['directory', 'cases', 'referrals'],
      logDestination: { write: (line: string) => lines.push(line) },
    });
  }, 120_000);
  afterAll(() => system?.stop());

  it('contain neither the child’s name nor the caregiver’s phone', async () => {
    const { id } = await openFixtureCase(system);
    await system.request(
      `query Read($id: ID!) { case(id: $id) { caseNumber child { firstName lastName caregivers { name phone } } } }`,
      { id },
      system.token(OFFICER),
    );
    // Refused, invalid and failing requests are where values most often leak into logs.
    await system.request(
      `query Refused($id: ID!) { case(id: $id) { child { firstName } } }`,
      { id },
      system.token({ ...OFFICER, role: Role.POLICE_CPU, counties: ['001'] }),
    );
    await system.request(
      `mutation Invalid($input: OpenCaseInput!) { openCase(input: $input) { case { id } } }`,
      {
        input: {
          countyCode: '047',
          categories: ['NEGLECT'],
          riskLevel: 'LOW',
          child: {
            ...CHILD_INPUT,
            caregivers: [{ name: CHILD_INPUT.firstName, relationship: 'MOTHER', phone: `${CHILD_INPUT.caregivers[0].phone}x` }],
          },
        },
      },
      system.token(OFFICER),
    );
    await system.request(`{ case(id: "${CHILD_INPUT.firstName}") { id } }`, {}, system.token(OFFICER));
    const logs = lines.join('');
    expect(logs).toContain('graphql request');
    expect(logs).not.toContain(CHILD_INPUT.firstName);
    expect(logs).not.toContain(CHILD_INPUT.lastName);
    expect(logs).not.toContain(CHILD_INPUT.caregivers[0].phone);
    expect(logs).not.toContain(CHILD_INPUT.caregivers[0].name);
  });
});
