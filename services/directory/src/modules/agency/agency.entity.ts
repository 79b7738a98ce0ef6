import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { AgencyType } from './agency-type.enum';

@Entity({ name: 'agency' })
export class AgencyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true, unique: true })
  acronym: string | null;

  @Column({ type: 'enum', enum: AgencyType, enumName: 'agency_type' })
  type: AgencyType;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ name: 'is_demo', type: 'boolean', default: false })
  isDemo: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
  /** Written once by the create (migration 1765200000000), read only by a retry with the same key: not selected. */
  @Column({ name: 'created_by', type: 'text', nullable: true, select: false })
  createdBy?: string | null;

  @Column({ name: 'idempotency_key', type: 'text', nullable: true, select: false })
  idempotencyKey?: string | null;

  @Column({ name: 'request_digest', type: 'text', nullable: true, select: false })
  requestDigest?: string | null;
}
