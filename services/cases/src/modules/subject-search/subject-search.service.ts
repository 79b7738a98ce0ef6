import { badUserInput, MAX_CASES_OF_A_DATA_SUBJECT, validateInput } from '@kinga/shared';
import type { CasesContext } from '../../cases.context';
import { dataSubjectSearchSchema, type DataSubjectSearchInput } from './subject-search.input';
import { DataSubjectMatch, type DataSubjectCase } from './subject-search.type';

/** How far an estimated age may be from the one a date of birth gives for a child to match on names alone. */
const ESTIMATED_AGE_YEARS_OFF = 2;

/**
 * $1 the birth certificate number, $2 and $3 the first and last names, $4 the date of birth, $5 whether the weak
 * matches (on an estimated age: names, or a first name alone) are wanted. The conditions are
 * written as the child's indexes are (upper of the number, lower of the names), so a search reads the children it
 * names, not every child of the country; what each case matched on is worked out on those rows alone.
 */
export const DATA_SUBJECT_CASES = `
  WITH matched AS (
    SELECT c.id AS "caseId", c.case_number AS "caseNumber", c.county_code AS "countyCode", c.opened_on, c.status,
           coalesce(upper(ch.birth_certificate_number) = upper($1), false) AS "byCertificate",
           coalesce(lower(ch.first_name) = lower($2) AND lower(ch.last_name) = lower($3), false) AS names,
           -- A child brought in at night may give a first name only (migration 1765000000000).
           coalesce(ch.last_name IS NULL AND lower(ch.first_name) = lower($2), false) AS first_name_only,
           ch.date_of_birth,
           -- An estimated age within two years of the age the date of birth gives on the day it was estimated.
           coalesce($4::date <= ch.age_estimated_on
                    AND abs(ch.estimated_age_years - date_part('year', age(ch.age_estimated_on, $4::date))) <= ${ESTIMATED_AGE_YEARS_OFF}, false)
             AS age_agrees
      FROM cases.child ch
      JOIN cases."case" c ON c.child_id = ch.id
     WHERE upper(ch.birth_certificate_number) = upper($1)
        OR (lower(ch.last_name) = lower($3) AND lower(ch.first_name) = lower($2))
        OR (ch.last_name IS NULL AND lower(ch.first_name) = lower($2)))
  SELECT "caseId", "caseNumber", "countyCode", to_char(opened_on, 'YYYY-MM-DD') AS "openedOn", status, "byCertificate",
         coalesce(names AND date_of_birth = $4::date, false) AS "byNamesAndBirth",
         names AND date_of_birth IS NULL AND age_agrees AS "byNamesOnly",
         first_name_only AND (coalesce(date_of_birth = $4::date, false) OR (date_of_birth IS NULL AND age_agrees)) AS "byFirstNameOnly",
         date_of_birth IS NULL AS "byEstimatedAge"
    FROM matched
   WHERE "byCertificate" OR ((names OR first_name_only) AND date_of_birth = $4::date)
      OR ($5 AND (names OR first_name_only) AND date_of_birth IS NULL AND age_agrees)
   ORDER BY opened_on, "caseId"
   LIMIT ${MAX_CASES_OF_A_DATA_SUBJECT + 1}`;

/**
 * The cases whose child the requester's identifiers match, oldest first: one child opened again after a case
 * closed, or by another county's office, is two child records, and a request answered on one case only would
 * leave the other out. A child recorded with an estimated age, and no date of birth, is matched on names and an
 * age within two years of the one the date of birth gives, and said so (NAMES_ONLY); one recorded with a first name
 * only, on that name and the date of birth or age (FIRST_NAME_ONLY). An erased case's child matches nothing. Each case found is on its trail.
 */
export async function findDataSubjectCases(ctx: CasesContext, input: DataSubjectSearchInput): Promise<DataSubjectCase[]> {
  const search = validateInput(dataSubjectSearchSchema, input, 'search');
  const rows: Array<
    Omit<DataSubjectCase, 'matchedBy'> & {
      byCertificate: boolean;
      byNamesAndBirth: boolean;
      byNamesOnly: boolean;
      byFirstNameOnly: boolean;
      byEstimatedAge: boolean;
    }
  > = await ctx.db.query(DATA_SUBJECT_CASES, [
    search.birthCertificateNumber ?? null,
    search.firstName ?? null,
    search.lastName ?? null,
    search.dateOfBirth ?? null,
    search.includeWeakMatches !== false,
  ]);
  // Refused, but the DPO has learnt that this child has that many cases: on their trails.
  if (rows.length > MAX_CASES_OF_A_DATA_SUBJECT)
    throw ctx.audit.refuse(
      'Case',
      rows.map((row) => row.caseId),
      'dataSubjectCases',
      badUserInput(
        rows.some((row) => row.byEstimatedAge && !row.byCertificate)
          ? `search: matches more than ${MAX_CASES_OF_A_DATA_SUBJECT} cases, counting those of children recorded with an estimated age; ask again with includeWeakMatches: false for the others, or give the birth certificate number`
          : `search: matches more than ${MAX_CASES_OF_A_DATA_SUBJECT} cases; give the birth certificate number, or the full names`,
        'search',
      ),
    );
  for (const row of rows) ctx.audit.read('Case', row.caseId, 'dataSubjectCases');
  return rows.map(({ byCertificate, byNamesAndBirth, byNamesOnly, byFirstNameOnly, byEstimatedAge: _estimated, ...found }) => ({
    ...found,
    matchedBy: [
      ...(byCertificate ? [DataSubjectMatch.BIRTH_CERTIFICATE_NUMBER] : []),
      ...(byNamesAndBirth ? [DataSubjectMatch.NAMES_AND_DATE_OF_BIRTH] : []),
      ...(byNamesOnly ? [DataSubjectMatch.NAMES_ONLY] : []),
      ...(byFirstNameOnly ? [DataSubjectMatch.FIRST_NAME_ONLY] : []),
    ],
  }));
}
