import { badUserInput, validateInput } from '@kinga/shared';
import type { CasesContext } from '../../cases.context';
import type { CaseStatus } from '../case/case.enums';
import { dataSubjectSearchSchema, type DataSubjectSearchInput } from './subject-search.input';
import type { DataSubjectCase } from './subject-search.type';

/** More than a child has cases: a search matching more names no one child, and asks for a narrower one. */
export const MAX_CASES_OF_A_DATA_SUBJECT = 50;

/**
 * The cases whose child the requester's identifiers match, oldest first: one child opened again after a case
 * closed, or by another county's office, is two child records, and a request answered on one case only would
 * leave the other out. An erased case's child matches nothing. Each case found is on its trail.
 */
export async function findDataSubjectCases(ctx: CasesContext, input: DataSubjectSearchInput): Promise<DataSubjectCase[]> {
  const search = validateInput(dataSubjectSearchSchema, input, 'search');
  const rows: Array<DataSubjectCase & { status: CaseStatus }> = await ctx.db.query(
    `SELECT c.id AS "caseId", c.case_number AS "caseNumber", c.county_code AS "countyCode",
            to_char(c.opened_on, 'YYYY-MM-DD') AS "openedOn", c.status
       FROM cases."case" c
       JOIN cases.child ch ON ch.id = c.child_id
      WHERE (upper(ch.birth_certificate_number) = upper($1))
         OR (lower(ch.first_name) = lower($2) AND lower(ch.last_name) = lower($3) AND ch.date_of_birth = $4::date)
      ORDER BY c.opened_on, c.id
      LIMIT ${MAX_CASES_OF_A_DATA_SUBJECT + 1}`,
    [search.birthCertificateNumber, search.firstName, search.lastName, search.dateOfBirth],
  );
  if (rows.length > MAX_CASES_OF_A_DATA_SUBJECT)
    throw badUserInput(
      `search: matches more than ${MAX_CASES_OF_A_DATA_SUBJECT} cases; give the birth certificate number, or the full names`,
      'search',
    );
  for (const row of rows) ctx.audit.read('Case', row.caseId, 'dataSubjectCases');
  return rows;
}
