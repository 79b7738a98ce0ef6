import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'target' })
export class TargetEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'indicator_id', type: 'uuid' })
  indicatorId: string;

  /** Null: the national target. */
  @Column({ name: 'county_code', type: 'char', length: 3, nullable: true })
  countyCode: string | null;

  @Column({ name: 'period_year', type: 'smallint' })
  year: number;

  /** Null: the whole year. */
  @Column({ name: 'period_quarter', type: 'smallint', nullable: true })
  quarter: number | null;

  @Column({ type: 'double precision', nullable: true })
  baseline: number | null;

  @Column({ name: 'target_value', type: 'double precision' })
  targetValue: number;

  @Column({ name: 'set_by', type: 'text' })
  setBy: string;

  @Column({ name: 'set_at', type: 'timestamptz' })
  setAt: Date;
}
