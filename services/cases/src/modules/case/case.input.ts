import { boundsInOrder, calendarDate, filterList, countyCodeSchema, KENYAN_SUBSCRIBER_PHONE, kenyanDate } from '@kinga/shared';
import { Field, ID, InputType, Int } from 'type-graphql';
import { z } from 'zod';
import { completedYears } from '../child/age';
import { CaseCategory, CaseStatus, RiskLevel, Sex } from './case.enums';

@InputType({ description: 'Only the cases that match every given condition.' })
export class CaseFilter {
  @Field(() => String, { nullable: true, description: 'County code, e.g. "047"; one of your counties.' })
  county?: string | null;

  @Field(() => [CaseStatus], { nullable: true })
  status?: CaseStatus[] | null;

  @Field(() => [CaseCategory], { nullable: true, description: 'Cases with any of these categories.' })
  categories?: CaseCategory[] | null;

  @Field(() => [RiskLevel], { nullable: true })
  riskLevel?: RiskLevel[] | null;

  @Field(() => String, { nullable: true, description: 'Opened on or after this ISO 8601 date.' })
  openedFrom?: string | null;

  @Field(() => String, { nullable: true, description: 'Opened on or before this ISO 8601 date.' })
  openedTo?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only cases assigned to you.' })
  assignedToMe?: boolean | null;

  @Field(() => String, {
    nullable: true,
    description: "Only cases assigned to this officer (their token's subject, as `assignedOfficerSub` shows it): a caseload to review.",
  })
  assignedOfficerSub?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: only cases no officer is assigned to (still to assign); false: only assigned ones.',
  })
  unassigned?: boolean | null;
}

@InputType()
export class CaregiverInput {
  @Field()
  name: string;

  @Field({ description: 'e.g. MOTHER, FATHER, GRANDMOTHER, GUARDIAN.' })
  relationship: string;

  @Field(() => String, { nullable: true, description: '+2547XXXXXXXX or 07XXXXXXXX.' })
  phone?: string | null;
}

@InputType()
export class ChildInput {
  @Field()
  firstName: string;

  @Field(() => String, { nullable: true })
  middleName?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Left out when the child does not know it or will not say: never invent one. It can be added later.',
  })
  lastName?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 8601 date; give this or estimatedAgeYears.' })
  dateOfBirth?: string | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'When the date of birth is unknown: the age in years, estimated today (which, for a case opened earlier, may be 18 or more: the child must have been under 18 on the day the case was opened).',
  })
  estimatedAgeYears?: number | null;

  @Field(() => Sex)
  sex: Sex;

  @Field({ description: 'County of residence, e.g. "047".' })
  countyCode: string;

  @Field(() => String, { nullable: true })
  subCounty?: string | null;

  @Field(() => String, { nullable: true })
  location?: string | null;

  @Field(() => String, { nullable: true })
  school?: string | null;

  @Field(() => String, { nullable: true })
  birthCertificateNumber?: string | null;

  @Field(() => String, { nullable: true })
  disability?: string | null;

  @Field(() => [CaregiverInput], { nullable: true, description: 'At most 10; the first is the main contact.' })
  caregivers?: CaregiverInput[] | null;
}

@InputType({
  description:
    'Only what you send changes; a field left out stays as it is. null (or an empty text) clears an optional field (middleName, lastName, subCounty, location, school, birthCertificateNumber, disability); firstName, sex and countyCode cannot be cleared (BAD_USER_INPUT); null caregivers leave the list as it is. A dateOfBirth replaces an estimatedAgeYears, and the other way round.',
})
export class ChildUpdateInput {
  @Field(() => String, { nullable: true })
  firstName?: string | null;

  @Field(() => String, { nullable: true })
  middleName?: string | null;

  @Field(() => String, { nullable: true })
  lastName?: string | null;

  @Field(() => String, { nullable: true })
  dateOfBirth?: string | null;

  @Field(() => Int, { nullable: true })
  estimatedAgeYears?: number | null;

  @Field(() => Sex, { nullable: true })
  sex?: Sex | null;

  @Field(() => String, { nullable: true })
  countyCode?: string | null;

  @Field(() => String, { nullable: true })
  subCounty?: string | null;

  @Field(() => String, { nullable: true })
  location?: string | null;

  @Field(() => String, { nullable: true })
  school?: string | null;

  @Field(() => String, { nullable: true })
  birthCertificateNumber?: string | null;

  @Field(() => String, { nullable: true })
  disability?: string | null;

  @Field(() => [CaregiverInput], {
    nullable: true,
    description: "Replaces the list of caregivers: give the case's expectedVersion with it (BAD_USER_INPUT without).",
  })
  caregivers?: CaregiverInput[] | null;
}

@InputType()
export class OpenCaseInput {
  @Field({ description: 'County where the case is managed: one of your counties.' })
  countyCode: string;

  @Field(() => [CaseCategory])
  categories: CaseCategory[];

  @Field(() => RiskLevel)
  riskLevel: RiskLevel;

  @Field(() => String, { nullable: true, description: 'ISO 8601 date; today when omitted; never in the future.' })
  openedOn?: string | null;

  @Field(() => ChildInput)
  child: ChildInput;

  @Field(() => String, { nullable: true })
  incidentNarrative?: string | null;

  @Field(() => String, { nullable: true })
  perpetratorDetails?: string | null;

  @Field(() => String, { nullable: true })
  clinicalNotes?: string | null;
}

@InputType({
  description:
    'Only what you send changes; a field left out stays as it is. null (or an empty text) clears incidentNarrative, perpetratorDetails and clinicalNotes; null categories, riskLevel, status or child leave them as they are. Send only the fields you mean to change: a form that sends every field it shows as null clears those texts.',
})
export class UpdateCaseInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int, {
    nullable: true,
    description:
      "The case's version as you read it: a case changed since is refused with CONFLICT and its currentVersion, nothing written; your own change sent again after its answer was lost (the same input) is answered with the case it made. Required with child.caregivers.",
  })
  expectedVersion?: number | null;

  @Field(() => [CaseCategory], { nullable: true })
  categories?: CaseCategory[] | null;

  @Field(() => RiskLevel, { nullable: true })
  riskLevel?: RiskLevel | null;

  @Field(() => CaseStatus, {
    nullable: true,
    description: 'OPEN -> IN_CARE or REINTEGRATED; IN_CARE -> REINTEGRATED; REINTEGRATED -> IN_CARE. Close with closeCase.',
  })
  status?: CaseStatus | null;

  @Field(() => String, { nullable: true })
  incidentNarrative?: string | null;

  @Field(() => String, { nullable: true })
  perpetratorDetails?: string | null;

  @Field(() => String, { nullable: true })
  clinicalNotes?: string | null;

  @Field(() => ChildUpdateInput, { nullable: true })
  child?: ChildUpdateInput | null;
}

@InputType()
export class AddCaseNoteInput {
  @Field(() => ID)
  caseId: string;

  @Field()
  body: string;
}

@InputType()
export class AssignCaseInput {
  @Field(() => ID)
  caseId: string;

  @Field({ description: "The officer's token subject (`sub`). An officer may assign a case only to themself." })
  officerSub: string;

  @Field({
    description: "The officer's name as police and clinics will see it; whoever takes a case themself is named as their token names them.",
  })
  officerName: string;
}

@InputType()
export class CloseCaseInput {
  @Field(() => ID)
  caseId: string;

  @Field()
  reason: string;

  @Field(() => String, { nullable: true, description: 'ISO 8601 date; today when omitted.' })
  closedOn?: string | null;
}

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
/** A form's emptied field is no value: blank is taken as absent (in an update, as clearing the field). */
export const blankAsAbsent = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? null : value), schema);
export const optionalText = (max: number) => blankAsAbsent(text(max).nullish());
export const pastDate = calendarDate.refine((value) => value <= kenyanDate(), { message: 'must not be in the future' });
/**
 * The earliest day a case may say it was opened: a child whose case opened before 2000 is an adult today, so an
 * earlier date is a typing slip (0999 for 1999 would also break the case number's four-digit year).
 */
export const EARLIEST_OPENED_ON = '2000-01-01';
const openedOn = pastDate.refine((value) => value >= EARLIEST_OPENED_ON, { message: `must be ${EARLIEST_OPENED_ON} or later` });
const uuid = (what: string) => z.string().uuid(`is not a ${what} id`);
const countyCode = countyCodeSchema;
const categories = z.array(z.nativeEnum(CaseCategory)).min(1, 'must name at least one category').max(12);
// A caregiver is called back on it at midnight: a person's number, never a short code.
const phone = z.string().trim().regex(KENYAN_SUBSCRIBER_PHONE, 'must be a Kenyan phone number, e.g. +254712345678 or 0712345678');

const caregiver = z.object({ name: text(200), relationship: text(50), phone: blankAsAbsent(phone.nullish()) });
const caregivers = z.array(caregiver).max(10, 'must list at most 10 caregivers');

/** A child's fields as a case records them: the DPO's search takes its identifiers by the same rules. */
export const childFields = {
  firstName: text(100),
  middleName: optionalText(100),
  lastName: optionalText(100),
  dateOfBirth: blankAsAbsent(pastDate.nullish()),
  // Against the day the case was opened (`estimatedAgeProblem`): a child of a case opened years ago is older now.
  estimatedAgeYears: z.number().int().min(0, 'must be 0 or more').max(120, 'must be at most 120').nullish(),
  sex: z.nativeEnum(Sex),
  countyCode,
  subCounty: optionalText(100),
  location: optionalText(300),
  school: optionalText(200),
  birthCertificateNumber: optionalText(50),
  disability: optionalText(500),
  caregivers: caregivers.nullish(),
};

/** A child is under 18 on the day the case is opened; an age or a date of birth is needed to know it. */
const under18 = (dateOfBirth: string, on: string) => {
  const [y, m, d] = dateOfBirth.split('-').map(Number);
  const eighteenth = `${String(y + 18).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return on < eighteenth;
};

/** Why `dateOfBirth` cannot be that of a child on the day the case was opened; null when it can. */
export function dateOfBirthProblem(dateOfBirth: string, openedOn: string): string | null {
  if (dateOfBirth > openedOn) return 'must not be after the day the case is opened';
  if (!under18(dateOfBirth, openedOn)) return 'the child must be under 18 when the case is opened';
  return null;
}

/**
 * Why an age estimated today cannot be that of a child on the day the case was opened; null when it can. An
 * estimate is made today (the officer looks at the child now), however long ago the case was opened.
 */
export function estimatedAgeProblem(estimate: number, openedOn: string, today: string): string | null {
  const since = completedYears(openedOn, today);
  if (estimate - since > 17)
    return since === 0
      ? 'must be 0 to 17: Kinga holds cases of children'
      : `must be at most ${17 + since}: the child was under 18 when the case was opened, ${since} years ago`;
  if (estimate < since) return `must be at least ${since}: the child was born by the day the case was opened, ${since} years ago`;
  return null;
}

export const childSchema = z.object(childFields).superRefine((child, issue) => {
  if (!child.dateOfBirth && (child.estimatedAgeYears === null || child.estimatedAgeYears === undefined)) {
    issue.addIssue({ code: 'custom', path: ['dateOfBirth'], message: 'give the date of birth or an estimated age in years' });
  }
});

export const openCaseSchema = z.object({
  countyCode,
  categories,
  riskLevel: z.nativeEnum(RiskLevel),
  openedOn: blankAsAbsent(openedOn.nullish()),
  child: childSchema,
  incidentNarrative: optionalText(20_000),
  perpetratorDetails: optionalText(5_000),
  clinicalNotes: optionalText(20_000),
});
// The child's age against the day the case opens is checked where it is stored (insertCase), by the request's own
// day: the wall clock's may have passed midnight since the request began.
export type ValidOpenCase = z.infer<typeof openCaseSchema>;

export const updateCaseSchema = z.object({
  id: uuid('case'),
  expectedVersion: z.number().int().min(1, 'must be a version the case had (1 or more)').nullish(),
  categories: categories.nullish(),
  riskLevel: z.nativeEnum(RiskLevel).nullish(),
  status: z.nativeEnum(CaseStatus).nullish(),
  incidentNarrative: optionalText(20_000),
  perpetratorDetails: optionalText(5_000),
  clinicalNotes: optionalText(20_000),
  // The child's rules, with the fields a child must always have made optional: only what changes is sent.
  child: z
    .object({
      ...childFields,
      firstName: childFields.firstName.nullish(),
      lastName: childFields.lastName.nullish(),
      sex: childFields.sex.nullish(),
      countyCode: childFields.countyCode.nullish(),
    })
    .nullish(),
});
export type ValidUpdateCase = z.infer<typeof updateCaseSchema>;

export const addCaseNoteSchema = z.object({ caseId: uuid('case'), body: text(10_000) });
export const assignCaseSchema = z.object({ caseId: uuid('case'), officerSub: text(200), officerName: text(200) });
export const closeCaseSchema = z.object({
  caseId: uuid('case'),
  reason: text(2_000).refine((value) => value.length >= 5, { message: 'must say why, in at least 5 characters' }),
  closedOn: blankAsAbsent(pastDate.nullish()),
});
export const caseFilterSchema = z
  .object({
    county: countyCode.nullish(),
    // An empty list would read as "no filter" and answer every case: said instead, as for statistics.
    status: filterList(z.nativeEnum(CaseStatus)),
    categories: filterList(z.nativeEnum(CaseCategory)),
    riskLevel: filterList(z.nativeEnum(RiskLevel)),
    openedFrom: calendarDate.nullish(),
    openedTo: calendarDate.nullish(),
    assignedToMe: z.boolean().nullish(),
    assignedOfficerSub: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters').nullish(),
    unassigned: z.boolean().nullish(),
  })
  // A reversed range matches nothing: said so, rather than answered with an empty list.
  .superRefine(boundsInOrder('openedFrom', 'openedTo'));
export const caseIdSchema = uuid('case');
export const caseNumberSchema = z.string().regex(/^KE-\d{3}-\d{4}-\d{6}$/, 'must look like KE-047-2025-000123');
