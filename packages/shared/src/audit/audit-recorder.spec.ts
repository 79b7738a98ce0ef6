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
    expect(denials(audit)).toEqual([expect.objectContaining({ recordType: 'Mutation', recordIds: [CASE], fieldNames: ['mine'] })]);
  });

  it('records a nested refusal, or one without an id, with no record rather than a guessed one', () => {
    const audit = new AuditRecorder(null, 'r2');
    const operation = operationOf(`{ case(id: "${CASE}") { notes { edges { node { body } } } } other: cases { totalCount } }`);
    recordUnrecordedRefusals(audit, operation, undefined, [
      { path: ['case', 'notes'], extensions: { code: 'FORBIDDEN' } },
      { path: ['other'], extensions: { code: 'FORBIDDEN' } },
      { path: ['case'], extensions: { code: 'BAD_USER_INPUT' } },
    ]);
    expect(denials(audit)).toEqual([expect.objectContaining({ recordIds: [], fieldNames: ['case.notes', 'other'] })]);
  });
});
