import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { CaseCategory, CaseStatus, RiskLevel } from './case.enums';

@Entity({ name: 'case' })
export class CaseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'case_number', type: 'text', unique: true })
  caseNumber: string;

  @Column({ name: 'child_id', type: 'uuid' })
  childId: string;

  @Column({ type: 'text', array: true })
  categories: CaseCategory[];

  @Column({ type: 'text' })
  status: CaseStatus;

  @Column({ name: 'risk_level', type: 'text' })
  riskLevel: RiskLevel;

  @Column({ name: 'owner_agency_id', type: 'uuid' })
  ownerAgencyId: string;

  @Column({ name: 'owner_provider_id', type: 'uuid' })
  ownerProviderId: string;

  @Column({ name: 'assigned_officer_sub', type: 'text', nullable: true })
  assignedOfficerSub: string | null;

  @Column({ name: 'assigned_officer_name', type: 'text', nullable: true })
  assignedOfficerName: string | null;

  @Column({ name: 'county_code', type: 'char', length: 3 })
  countyCode: string;

  @Column({ name: 'opened_on', type: 'date' })
  openedOn: string;

  @Column({ name: 'closed_on', type: 'date', nullable: true })
  closedOn: string | null;

  @Column({ name: 'close_reason', type: 'text', nullable: true })
  closeReason: string | null;

  @Column({ name: 'incident_narrative', type: 'text', nullable: true })
  incidentNarrative: string | null;

  @Column({ name: 'perpetrator_details', type: 'text', nullable: true })
  perpetratorDetails: string | null;

  @Column({ name: 'clinical_notes', type: 'text', nullable: true })
  clinicalNotes: string | null;

  /** When an erasure request was carried out on the case (migration 1765300000000). */
  @Column({ name: 'erased_at', type: 'timestamptz', nullable: true })
  erasedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** Raised by every save of the row (migration 1764500000000): what `expectedVersion` is compared with. */
  @VersionColumn({ name: 'version', type: 'integer' })
  version: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  /** Written once by openCase (migration 1764600000000), read only by a retry with the same key: not selected. */
  @Column({ name: 'opened_by', type: 'text', nullable: true, select: false })
  openedBy?: string | null;

  @Column({ name: 'idempotency_key', type: 'text', nullable: true, select: false })
  idempotencyKey?: string | null;

  /** A digest of what the opening request asked, so that a key reused for another case is told apart. */
  @Column({ name: 'request_digest', type: 'text', nullable: true, select: false })
  requestDigest?: string | null;

  /** Who made the last updateCase, and a digest of it (migration 1766000000000): a retry of it is answered. */
  @Column({ name: 'last_update_by', type: 'text', nullable: true })
  lastUpdateBy: string | null;

  @Column({ name: 'last_update_digest', type: 'text', nullable: true })
  lastUpdateDigest: string | null;
}
