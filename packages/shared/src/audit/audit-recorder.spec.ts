import { parse, type OperationDefinitionNode } from 'graphql';
import { recordUnrecordedRefusals } from '../server/audit-plugin';
import { AuditRecorder, recordIdsInArguments } from './audit-recorder';

const CASE = '0b0e6d3a-6a55-4f7e-9b43-6c2d3f1e2a10';
const CONSENT = '1c1f7e4b-7b66-4a8f-8c54-7d3e4a2f3b21';

describe('recordIdsInArguments', () => {
  it('takes the record ids a field names, at the top level and inside input', () => {
    expect(recordIdsInArguments({ id: CASE })).toEqual([CASE]);
    expect(recordIdsInArguments({ input: { caseId: CASE, consentId: CONSENT, reason: 'x' } })).toEqual([CASE, CONSENT]);
    expect(recordIdsInArguments({ recordId: CASE.toUpperCase() })).toEqual([CASE]);
  });

  it('takes nothing that is not an id: the trail is no place for what a caller typed', () => {
    expect(recordIdsInArguments({ id: 'Wanjiru Kamau' })).toEqual([]);
    expect(recordIdsInArguments({ caseNumber: 'KE-047-2026-000001', input: [CASE] })).toEqual([]);
    expect(recordIdsInArguments(undefined)).toEqual([]);
  });
});

describe('recordUnrecordedRefusals', () => {
  const operationOf = (source: string) => parse(source).definitions[0] as OperationDefinitionNode;
  const denials = (audit: AuditRecorder) => audit.rows().filter((row) => row.action === 'DENY');

  it("puts a root field's refusal on the trail of the record its arguments name, variables and aliases included", () => {
    const audit = new AuditRecorder(null, 'r1');
    const operation = operationOf(`mutation($input: UpdateCaseInput!) { mine: updateCase(input: $input) { case { id } } }`);
    recordUnrecordedRefusals(audit, operation, { input: { id: CASE, riskLevel: 'HIGH' } }, [
      { path: ['mine'], extensions: { code: 'FORBIDDEN' } },
    ]);
    // Named by the field, not the alias the caller typed.
    expect(denials(audit)).toEqual([expect.objectContaining({ recordType: 'Mutation', recordIds: [CASE], fieldNames: ['updateCase'] })]);
  });

  it('names the fields of a nested path through aliases, inline fragments and named fragments, never what the caller typed', () => {
    const audit = new AuditRecorder(null, 'r0');
    const document = parse(`query { Wanjiru_Kamau_2014: case(id: "${CASE}") { ... on Case { kin: child { ...names } } } }
      fragment names on Child { first: firstName }`);
    const operation = document.definitions[0] as OperationDefinitionNode;
    recordUnrecordedRefusals(
      audit,
      operation,
      undefined,
      [{ path: ['Wanjiru_Kamau_2014', 'kin', 'first'], extensions: { code: 'FORBIDDEN' } }],
      document,
    );
    expect(denials(audit)).toEqual([expect.objectContaining({ fieldNames: ['case.child.firstName'] })]);
    expect(JSON.stringify(audit.rows())).not.toContain('Wanjiru');
  });

  it('finds the record of a root field refused inside a named fragment', () => {
    const audit = new AuditRecorder(null, 'r00');
    const document = parse(
      `mutation($input: UpdateCaseInput!) { ...edit } fragment edit on Mutation { mine: updateCase(input: $input) { case { id } } }`,
    );
    const operation = document.definitions[0] as OperationDefinitionNode;
    recordUnrecordedRefusals(audit, operation, { input: { id: CASE } }, [{ path: ['mine'], extensions: { code: 'FORBIDDEN' } }], document);
    expect(denials(audit)).toEqual([expect.objectContaining({ recordType: 'Mutation', recordIds: [CASE], fieldNames: ['updateCase'] })]);
  });

  it('records a nested refusal, or one without an id, with no record rather than a guessed one', () => {
    const audit = new AuditRecorder(null, 'r2');
    const operation = operationOf(`{ case(id: "${CASE}") { notes { edges { node { body } } } } other: cases { totalCount } }`);
    recordUnrecordedRefusals(audit, operation, undefined, [
      { path: ['case', 'notes'], extensions: { code: 'FORBIDDEN' } },
      { path: ['other'], extensions: { code: 'FORBIDDEN' } },
      { path: ['case'], extensions: { code: 'BAD_USER_INPUT' } },
    ]);
    expect(denials(audit)).toEqual([expect.objectContaining({ recordIds: [], fieldNames: ['case.notes', 'cases'] })]);
  });
});

describe('AuditRecorder rows', () => {
  const OTHER_CASE = '2d2a8f5c-8c77-4b9a-9d65-8e4f5b3a4c32';

  it('says of each record only the fields read of it: records read alike share a row, others get their own', () => {
    const audit = new AuditRecorder(null, 'r3');
    audit.read('Child', CASE, 'firstName');
    audit.read('Child', OTHER_CASE, 'firstName');
    audit.read('Child', OTHER_CASE, 'birthCertificateNumber');
    audit.read('Child', CONSENT, 'firstName');
    expect(audit.rows()).toEqual([
      expect.objectContaining({ action: 'READ', recordType: 'Child', recordIds: [CASE, CONSENT].sort(), fieldNames: ['firstName'] }),
      expect.objectContaining({
        action: 'READ',
        recordType: 'Child',
        recordIds: [OTHER_CASE],
        fieldNames: ['birthCertificateNumber', 'firstName'],
      }),
    ]);
  });

  it('keeps a refusal of no record in a row of its own', () => {
    const audit = new AuditRecorder(null, 'r4');
    audit.deny('Query', null, 'cases');
    audit.deny('Query', CASE, 'case');
    expect(audit.rows()).toEqual([
      expect.objectContaining({ action: 'DENY', recordIds: [], fieldNames: ['cases'] }),
      expect.objectContaining({ action: 'DENY', recordIds: [CASE], fieldNames: ['case'] }),
    ]);
  });
});
