import type { AgencyType, ConsentBasis, Tier } from '@kinga/shared';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'consent' })
export class ConsentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ type: 'text' })
  basis: ConsentBasis;

  @Column({ name: 'agency_ids', type: 'uuid', array: true })
  agencyIds: string[];

  @Column({ name: 'agency_types', type: 'text', array: true })
  agencyTypes: AgencyType[];

  @Column({ type: 'text', array: true })
  tiers: Tier[];

  @Column({ type: 'text' })
  purpose: string;

  @Column({ name: 'given_at', type: 'timestamptz' })
  givenAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'revocation_reason', type: 'text', nullable: true })
  revocationReason: string | null;

  @Column({ name: 'recorded_by_sub', type: 'text' })
  recordedBySub: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** The key the writer's client gave, with a digest of its request: a retry answers with this row. */
  @Column({ name: 'idempotency_key', type: 'text', nullable: true, select: false })
  idempotencyKey?: string | null;

  @Column({ name: 'request_digest', type: 'text', nullable: true, select: false })
  requestDigest?: string | null;
}
