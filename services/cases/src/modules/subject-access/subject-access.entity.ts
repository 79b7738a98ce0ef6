import type { SubjectAccessStatus } from '@kinga/shared';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { SubjectRequester } from './subject-access.enums';

/** A data subject's request for everything held about a child, and how the DPO answered it. */
@Entity({ name: 'subject_access_request' })
export class SubjectAccessRequestEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The data subject: the request covers every case of this child. */
  @Column({ name: 'child_id', type: 'uuid' })
  childId: string;

  /** The case the requester named, by which the child was found. */
  @Column({ name: 'named_case_id', type: 'uuid' })
  namedCaseId: string;

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
