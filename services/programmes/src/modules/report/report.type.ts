import { Connection } from '@kinga/shared';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Kes } from '../../common/kes.scalar';
import { AchievementStatus, ProgressReportAction, ProgressReportStatus } from './report.enums';

/**
 * Objectives' spend is the sum of their lines' (ObjectiveVariance), so the same shillings entered on each
 * indicator of an objective would count once per indicator.
 */
export const SPEND_DESCRIPTION =
  "Spent in the quarter on the work this line reports, in KES. An objective's reported spend adds up its lines: spend that serves several of its indicators belongs on one line only.";

@ObjectType('ProgressReport', {
  description:
    'What an agency reports for one indicator, county and quarter. Approved versions are public; drafts, submitted and returned ones are seen by the reporting agency and NCCS.',
})
export class ProgressReport {
  @Field(() => ID)
  id: string;

  @Field(() => ID, { description: 'Shared by every version of this report line.' })
  lineageId: string;

  @Field(() => Int, { description: 'From 1; an approved report is revised by a new version, never changed.' })
  version: number;

  @Field(() => ID)
  agencyId: string;

  @Field({ description: 'Three-digit county code.' })
  countyCode: string;

  @Field(() => Float, { nullable: true, description: 'COUNT: a whole number; PERCENT: 0 to 100. Null for DOCUMENT/QUALITATIVE.' })
  actualValue: number | null;

  @Field(() => Int, { nullable: true, description: 'PERCENT only: the number the percentage is of; weights the mean across reports.' })
  denominator: number | null;

  @Field(() => AchievementStatus, { nullable: true, description: 'DOCUMENT/QUALITATIVE only.' })
  achievement: AchievementStatus | null;

  @Field(() => String, {
    nullable: true,
    description: 'DOCUMENT/QUALITATIVE: what shows the achievement (a report title, minutes, a link).',
  })
  evidence: string | null;

  @Field(() => Kes, { nullable: true, description: SPEND_DESCRIPTION })
  spendKes: number | null;

  @Field(() => String, { nullable: true })
  narrative: string | null;

  @Field(() => ProgressReportStatus)
  status: ProgressReportStatus;

  @Field(() => String, { nullable: true, description: "NCCS's comment when it returned or approved this version." })
  reviewComment: string | null;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;

  @Field(() => Date, { nullable: true })
  submittedAt: Date | null;

  @Field(() => Date, { nullable: true })
  reviewedAt: Date | null;

  indicatorId: string;
  year: number;
  quarter: number;
}

@ObjectType('ProgressReportEvent', { description: 'A step in the life of a report line, across its versions.' })
export class ProgressReportEvent {
  @Field(() => ID)
  id: string;

  @Field(() => ProgressReportAction)
  action: ProgressReportAction;

  @Field(() => Int, { description: 'The version the step applied to.' })
  version: number;

  @Field(() => ID, { nullable: true, description: 'The agency of whoever took the step.' })
  actorAgencyId: string | null;

  @Field()
  at: Date;

  @Field(() => String, { nullable: true })
  comment: string | null;
}

/** A page of a report line's steps. */
@ObjectType('ProgressReportEventConnection')
export class ProgressReportEventConnection extends Connection(ProgressReportEvent, 'ProgressReportEvent') {}

@ObjectType('ProgressReportConnection')
export class ProgressReportConnection extends Connection(ProgressReport, 'ProgressReport') {}

@ObjectType('ProgressReportPayload')
export class ProgressReportPayload {
  @Field(() => ProgressReport)
  report: ProgressReport;
}
