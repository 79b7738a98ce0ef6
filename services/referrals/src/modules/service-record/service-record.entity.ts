import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ServiceOutcome, ServiceType } from '../referral/referral.enums';

/** What the recipient delivered; the clinical columns are CLINICAL tier (see service-record.type.ts). */
@Entity({ name: 'service_record' })
export class ServiceRecordEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'referral_id', type: 'uuid' })
  referralId: string;

  @Column({ name: 'provider_id', type: 'uuid' })
  providerId: string;

  @Column({ type: 'text' })
  service: ServiceType;

  @Column({ name: 'delivered_on', type: 'date' })
  deliveredOn: string;

  @Column({ type: 'text' })
  outcome: ServiceOutcome;

  @Column({ name: 'pep_given', type: 'boolean', nullable: true })
  pepGiven: boolean | null;

  @Column({ name: 'emergency_contraception_given', type: 'boolean', nullable: true })
  emergencyContraceptionGiven: boolean | null;

  @Column({ name: 'forensic_examination_done', type: 'boolean', nullable: true })
  forensicExaminationDone: boolean | null;

  @Column({ type: 'text', nullable: true })
  injuries: string | null;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy: string;

  @Column({ name: 'recorded_by_role', type: 'text' })
  recordedByRole: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
