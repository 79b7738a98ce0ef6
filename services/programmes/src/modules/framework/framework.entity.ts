import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { LiveMetric } from '@kinga/shared';
import { bigintAsNumber } from '../../common/column-transformers';
import type { IndicatorAggregation, IndicatorDirection, IndicatorUnit } from './framework.enums';

@Entity({ name: 'plan' })
export class PlanEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  source: string | null;

  @Column({ name: 'start_year', type: 'smallint' })
  startYear: number;

  @Column({ name: 'end_year', type: 'smallint' })
  endYear: number;

  @Column({ type: 'text', array: true })
  notes: string[];

  @Column({ name: 'source_sha256', type: 'text', nullable: true })
  sourceSha256: string | null;
}

@Entity({ name: 'focus_area' })
export class FocusAreaEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId: string;

  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'smallint' })
  position: number;

  @Column({ name: 'planned_activities', type: 'text', array: true })
  plannedActivities: string[];

  @Column({ type: 'text', nullable: true })
  notes: string | null;
}

@Entity({ name: 'objective' })
export class ObjectiveEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId: string;

  @Column({ name: 'focus_area_id', type: 'uuid' })
  focusAreaId: string;

  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'smallint' })
  position: number;

  @Column({ type: 'text', nullable: true })
  title: string | null;

  @Column({ name: 'target_groups', type: 'text', array: true })
  targetGroups: string[];

  @Column({ name: 'lead_agencies', type: 'text', array: true })
  leadAgencies: string[];

  @Column({ type: 'text', array: true })
  partners: string[];

  @Column({ type: 'text', array: true })
  results: string[];

  @Column({ type: 'text', array: true })
  resources: string[];

  @Column({ name: 'indicative_budget_kes', type: 'bigint', nullable: true, transformer: bigintAsNumber })
  indicativeBudgetKes: number | null;

  @Column({ name: 'timeline_start', type: 'smallint', nullable: true })
  timelineStart: number | null;

  @Column({ name: 'timeline_end', type: 'smallint', nullable: true })
  timelineEnd: number | null;

  @Column({ type: 'text', nullable: true })
  notes: string | null;
}

@Entity({ name: 'activity' })
export class ActivityEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'objective_id', type: 'uuid' })
  objectiveId: string;

  @Column({ type: 'smallint' })
  position: number;

  @Column({ type: 'text' })
  description: string;
}

@Entity({ name: 'indicator' })
export class IndicatorEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId: string;

  @Column({ name: 'objective_id', type: 'uuid' })
  objectiveId: string;

  @Column({ type: 'smallint' })
  position: number;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  unit: IndicatorUnit;

  @Column({ type: 'text' })
  direction: IndicatorDirection;

  @Column({ type: 'text' })
  aggregation: IndicatorAggregation;

  @Column({ name: 'live_metric', type: 'text', nullable: true })
  liveMetric: LiveMetric | null;
}

@Entity({ name: 'plan_agency' })
export class PlanAgencyEntity {
  @PrimaryColumn({ name: 'plan_id', type: 'uuid' })
  planId: string;

  @PrimaryColumn({ type: 'text' })
  acronym: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  origin: string | null;
}

@Entity({ name: 'agency_link' })
export class AgencyLinkEntity {
  @PrimaryColumn({ name: 'npa_name', type: 'text' })
  npaName: string;

  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId: string;

  @Column({ name: 'linked_by', type: 'text' })
  linkedBy: string;

  @Column({ name: 'linked_at', type: 'timestamptz', default: () => 'now()' })
  linkedAt: Date;
}
