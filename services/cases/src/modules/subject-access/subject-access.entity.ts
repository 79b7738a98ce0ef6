import type { SubjectAccessStatus } from '@kinga/shared';
import { Column, Entity } from 'typeorm';
import { DataSubjectRequestColumns } from '../data-subject/data-subject-request.entity';

/** A data subject's request for everything held about them in a case, and how the DPO answered it. */
@Entity({ name: 'subject_access_request' })
export class SubjectAccessRequestEntity extends DataSubjectRequestColumns {
  @Column({ type: 'text' })
  status: SubjectAccessStatus;
}
