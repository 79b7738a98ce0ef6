import type { SubjectAccessStatus } from '@kinga/shared';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { SubjectRequester } from './subject-access.enums';

/** A data subject's request for everything held about them in a case, and how the DPO answered it. */
@Entity({ name: 'subject_access_request' })
export class SubjectAccessRequestEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /**
   * The case whose records are asked for. A request names one case: the same child opened as two cases is two
   * child records here, so a requester with several cases is answered with one request per case.
   */
  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ name: 'requested_by', type: 'text' })
  requestedBy: SubjectRequester;

  @Column({ type: 'text' })
  status: SubjectAccessStatus;

  @Column({ name: 'received_on', type: 'date' })
  receivedOn: string;

  @Column({ name: 'opened_by_sub', type: 'text' })
  openedBy: string;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ name: 'closed_by_sub', type: 'text', nullable: true })
  closedBy: string | null;

  @Column({ name: 'outcome_note', type: 'text', nullable: true })
  outcomeNote: string | null;
}
