import {
  ALL_ROLES,
  ALL_TIERS,
  AUDIT_TRAIL_ROLES,
  AUDITED_TIERS,
  roleMayReadTier,
  DATA_PROTECTION_ROLES,
  TIERS_BY_ROLE,
  type Role,
  type Tier,
} from '@kinga/shared';
import { CASE_FIELD_TIERS, CASE_MUTATION_ROLES, CASE_QUERY_ROLES } from '../modules/case/case.policy';
import { CAREGIVER_FIELD_TIERS, CHILD_FIELD_TIERS } from '../modules/child/child.policy';
import { CONSENT_FIELD_TIERS } from '../modules/consent/consent.policy';
import { CASE_NOTE_FIELD_TIERS } from '../modules/note/case-note.policy';
import { STATISTICS_ROLES } from '../modules/statistics/statistics.service';
import { erasureMutationRules, erasureQueryRules } from '../modules/erasure/erasure.policy';
import { subjectAccessMutationRules, subjectAccessQueryRules } from '../modules/subject-access/subject-access.policy';
import { subjectSearchQueryRules } from '../modules/subject-search/subject-search.policy';
import { SUPPRESSION_THRESHOLD } from '@kinga/shared';

export const README_START = '<!-- who-can-see-what:start -->';
export const README_END = '<!-- who-can-see-what:end -->';

/** The tier tables the shield rules are built from, in the order a reader meets them. */
export const TIER_TABLES: ReadonlyArray<[typeName: string, table: Readonly<Record<string, Tier>>, reachedThrough: string]> = [
  ['Case', CASE_FIELD_TIERS, ''],
  ['Child', CHILD_FIELD_TIERS, 'Case.child'],
  ['Caregiver', CAREGIVER_FIELD_TIERS, 'Child.caregivers'],
  ['Consent', CONSENT_FIELD_TIERS, 'Case.consents'],
  ['CaseNote', CASE_NOTE_FIELD_TIERS, 'Case.notes'],
];

const yes = '✓';
const no = '·';

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string[] {
  return [row(header), row(header.map(() => '---')), ...rows.map(row)];
}

const rolesCell = (roles: readonly Role[]) => roles.map((r) => `\`${r}\``).join(', ');

/**
 * "Who can see what", rendered from the same tables the code decides with (TIERS_BY_ROLE and the field tier
 * tables of each type): README.md embeds it between its markers, and a test fails when the two differ.
 */
export function renderWhoCanSeeWhat(): string {
  const lines: string[] = [
    '<!-- Generated from the rule tables in the code (services/cases/src/permissions/who-can-see-what.ts). Do not edit by hand:',
    '     `UPDATE_WHO_CAN_SEE_WHAT=1 npx jest services/cases/src/permissions` rewrites it. -->',
    '',
    'A field of a case is returned when **all** of these hold (DESIGN.md "Sensitivity tiers"); otherwise it is `null` with a',
    '`FORBIDDEN` error whose path names it, and the rest of the response stands:',
    '',
    "1. the caller's **role may read the field's tier** (first table);",
    '2. the caller is **related to the case**: their agency owns it and it lies in one of their counties (a `DCS_SUPERVISOR`: any',
    '   case in their counties), or their service point (a `PARTNER_SYSTEM`: their agency) is sender or recipient of a referral',
    '   of it that is not closed or cancelled (a recipient that declined it is no longer one; its sender is until it closes it);',
    '3. for an agency that does **not own** the case: a **consent** on the case names that agency (or its agency type), covers',
    '   the tier, and has neither expired nor been revoked.',
    '',
    `One way in stands apart: ${rolesCell(DATA_PROTECTION_ROLES)} reads every tier of a case and its referrals through an`,
    '**open subject access request** for that case (`subjectAccessRequest(id) { case { ... } referrals { ... } }`), and by no',
    'other way (the tables below show the role reading nothing by itself); closing the request ends it.',
    '',
    `Reads of ${[...AUDITED_TIERS].map((t) => `\`${t}\``).join(', ')} values, every write and every denial are written to the`,
    'append-only audit trail before the response leaves.',
    '',
    '### Tiers each role may read',
    '',
    ...table(
      ['role', ...ALL_TIERS],
      ALL_ROLES.map((role) => [`\`${role}\``, ...ALL_TIERS.map((tier) => (TIERS_BY_ROLE[role].includes(tier) ? yes : no))]),
    ),
    '',
    '### Every field of a case, its tier, and the roles that may read that tier',
    '',
    `${yes}: the role may read the field, given a relationship (and consent, for a non-owner). ${no}: never.`,
    '',
    ...table(
      ['field', 'tier', ...ALL_ROLES.map((r) => `\`${r}\``)],
      TIER_TABLES.flatMap(([typeName, fields]) =>
        Object.entries(fields).map(([field, tier]) => [
          `\`${typeName}.${field}\``,
          tier,
          ...ALL_ROLES.map((role) => (roleMayReadTier(role, tier) ? yes : no)),
        ]),
      ),
    ),
    '',
    ...TIER_TABLES.filter(([, , through]) => through).map(
      ([typeName, , through]) => `- \`${typeName}\` is reached only through \`${through}\`, and decided with the facts of its case.`,
    ),
    "- `Case.consents` shows the case's owner every consent, as it does the owner's office in another county sent the child by",
    "  a referral; a referral's other parties only those addressed to their agency (or its agency type), live or not: a clinic",
    '  has no business knowing that a court order or a police investigation exists.',
    '',
    '### Operations of the cases subgraph',
    '',
    ...table(
      ['operation', 'roles'],
      [
        ...Object.entries(CASE_QUERY_ROLES).map(([name, roles]) => [`\`${name}\``, rolesCell(roles)]),
        ['`caseStatistics`, `County.caseStatistics`', `${rolesCell(STATISTICS_ROLES)} (a supervisor: their counties)`],
        ['`auditTrail`', `${rolesCell(AUDIT_TRAIL_ROLES)} (a supervisor: cases in their counties)`],
        ...Object.entries(CASE_MUTATION_ROLES).map(([name, roles]) => [`\`${name}\``, rolesCell(roles)]),
        ...Object.keys({
          ...subjectSearchQueryRules,
          ...subjectAccessQueryRules,
          ...subjectAccessMutationRules,
          ...erasureQueryRules,
          ...erasureMutationRules,
        }).map((name) => [`\`${name}\``, rolesCell(DATA_PROTECTION_ROLES)]),
      ],
    ),
    '',
    `\`cases\` lists, for a \`DCS_OFFICER\`, the cases of their agency in their counties, and for a \`DCS_SUPERVISOR\` every case in`,
    "their counties; other roles reach cases through their referrals. `caseByNumber` answers a case's owners, and `null` to",
    'anyone else it admits, as for a number no case has (numbers run in sequence: another answer would let a caller count them);',
    "every lookup refused, by role or by ownership, is on the numbered case's audit trail. Writes on a case need the owning agency (officers) or",
    `the county (supervisors). Statistics suppress every cell below ${SUPPRESSION_THRESHOLD} and complement-suppress within each table; what that leaves open across tables is under "Small cells" above.`,
  ];
  return `${lines.join('\n')}\n`;
}

/** README.md with the generated section put between its markers. */
export function withSection(readme: string, section: string): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${README_START} ... ${README_END} markers`);
  return `${readme.slice(0, start + README_START.length)}\n\n${section}\n${readme.slice(end)}`;
}
