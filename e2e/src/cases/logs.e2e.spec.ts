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

  it('nor quote a child’s details back in an error about the input they came in', async () => {
    const OPEN = `mutation Open($input: OpenCaseInput!) { openCase(input: $input) { case { id } } }`;
    const input = { countyCode: '047', categories: ['NEGLECT'], child: CHILD_INPUT };
    const answers = [
      // riskLevel missing: graphql-js prints the whole input beside the reason.
      await system.request(OPEN, { input }, system.token(OFFICER)),
      // A field the type does not have.
      await system.request(OPEN, { input: { ...input, riskLevel: 'LOW', childName: 'x' } }, system.token(OFFICER)),
      // A caregiver without a name: the printed value is the caregiver, phone and all.
      await system.request(
        OPEN,
        {
          input: {
            ...input,
            riskLevel: 'LOW',
            child: { ...CHILD_INPUT, caregivers: [{ relationship: 'MOTHER', phone: CHILD_INPUT.caregivers[0].phone }] },
          },
        },
        system.token(OFFICER),
      ),
      // The child's name as an enum literal and as a token the parser cannot place.
      await system.request(
        `mutation { openCase(input: { countyCode: "047", categories: [${CHILD_INPUT.firstName}] }) { case { id } } }`,
        {},
        system.token(OFFICER),
      ),
      await system.request(`{ county(code: "047") { name } } ${CHILD_INPUT.lastName}`, {}, system.token(OFFICER)),
    ];
    for (const { body } of answers) {
      expect(body.errors?.length).toBeGreaterThan(0);
      const text = JSON.stringify(body);
      for (const value of [CHILD_INPUT.firstName, CHILD_INPUT.lastName, CHILD_INPUT.caregivers[0].phone]) expect(text).not.toContain(value);
    }
    expect(answers[0].body.errors?.[0].message).toBe(
      'Variable "$input" got an invalid value: Field "riskLevel" of required type "RiskLevel!" was not provided.',
    );
    expect(answers[2].body.errors?.[0].message).toMatch(
      /^Variable "\$input" got an invalid value at "input\.child\.caregivers\[0\]": Field "name"/,
    );
  });

  it('nor log the details typed into an operation whose defaulted variable inside them is sent as null', async () => {
    // `$sex` has a default, so it may stand where a value is required, yet a client may still send null: graphql-js
    // then refuses the argument while running the operation, printing everything typed around the variable.
    const caregiver = CHILD_INPUT.caregivers[0];
    const OPEN = `mutation OpenTyped($sex: Sex = FEMALE) { openCase(input: {
      countyCode: "047", categories: [NEGLECT], riskLevel: LOW,
      child: { firstName: "${CHILD_INPUT.firstName}", lastName: "${CHILD_INPUT.lastName}", dateOfBirth: "${CHILD_INPUT.dateOfBirth}",
        sex: $sex, countyCode: "047",
        caregivers: [{ name: "${caregiver.name}", relationship: "${caregiver.relationship}", phone: "${caregiver.phone}" }] } }) { case { id } } }`;
    const from = lines.length;
    const { body } = await system.request(OPEN, { sex: null }, system.token(OFFICER));
    // The caller's mistake, said as such, with nothing of what they typed quoted back.
    expect(body.errors?.map((e) => [e.message, e.extensions?.code, e.path])).toEqual([
      [
        'Argument "input" has an invalid value: a variable in it is null or missing where a value is required',
        'BAD_USER_INPUT',
        ['openCase'],
      ],
    ]);
    const logs = lines.slice(from).join('');
    expect(logs).toContain('graphql request');
    for (const value of [CHILD_INPUT.firstName, CHILD_INPUT.lastName, caregiver.name, caregiver.phone]) {
      expect(JSON.stringify(body)).not.toContain(value);
      expect(logs).not.toContain(value);
    }
  });
});
