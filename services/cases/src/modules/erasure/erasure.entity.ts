import type { ErasureStatus } from '@kinga/shared';
import { Column, Entity } from 'typeorm';
import { DataSubjectRequestColumns } from '../data-subject/data-subject-request.entity';
import type { ErasureGround } from './erasure.enums';

/** A data subject's request to erase a case's personal data, and how the DPO answered it. */
@Entity({ name: 'erasure_request' })
export class ErasureRequestEntity extends DataSubjectRequestColumns {
  @Column({ type: 'text' })
  ground: ErasureGround;

  @Column({ type: 'text' })
  status: ErasureStatus;

  /** How many of the case's referrals the referrals service erased, once carried out. */
  @Column({ name: 'referrals_erased', type: 'integer', nullable: true })
  referralsErased: number | null;
}
