import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { bigintAsNumber } from '../../common/column-transformers';
import type { AchievementStatus, ProgressReportAction, ProgressReportStatus } from './report.enums';

@Entity({ name: 'progress_report' })
export class ProgressReportEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Shared by every version of one report line (agency, indicator, county, quarter). */
  @Column({ name: 'lineage_id', type: 'uuid' })
  lineageId: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ name: 'indicator_id', type: 'uuid' })
  indicatorId: string;

  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId: string;

  @Column({ name: 'county_code', type: 'char', length: 3 })
  countyCode: string;

  @Column({ name: 'period_year', type: 'smallint' })
  year: number;

  @Column({ name: 'period_quarter', type: 'smallint' })
  quarter: number;

  @Column({ name: 'actual_value', type: 'double precision', nullable: true })
  actualValue: number | null;

  @Column({ type: 'integer', nullable: true })
  denominator: number | null;

  @Column({ type: 'text', nullable: true })
  achievement: AchievementStatus | null;

  @Column({ type: 'text', nullable: true })
  evidence: string | null;

  @Column({ name: 'spend_kes', type: 'bigint', nullable: true, transformer: bigintAsNumber })
  spendKes: number | null;

  @Column({ type: 'text', nullable: true })
  narrative: string | null;

  @Column({ type: 'text' })
  status: ProgressReportStatus;

  @Column({ name: 'review_comment', type: 'text', nullable: true })
  reviewComment: string | null;

  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;

  @Column({ name: 'submitted_by', type: 'text', nullable: true })
  submittedBy: string | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ name: 'reviewed_by', type: 'text', nullable: true })
  reviewedBy: string | null;

  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;
}

@Entity({ name: 'progress_report_event' })
export class ProgressReportEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'report_id', type: 'uuid' })
  reportId: string;

  @Column({ name: 'lineage_id', type: 'uuid' })
  lineageId: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'text' })
  action: ProgressReportAction;

  @Column({ type: 'text' })
  actor: string;

  @Column({ name: 'actor_agency_id', type: 'uuid', nullable: true })
  actorAgencyId: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  /** The order changes were written in, under the report's lock: it breaks a tie of `at` to the millisecond. */
  @Column({ type: 'bigint', insert: false, update: false, select: false })
  seq?: string;

  @Column({ type: 'text', nullable: true })
  comment: string | null;
}
