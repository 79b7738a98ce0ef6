import { Column, PrimaryGeneratedColumn } from 'typeorm';
import type { SubjectRequester } from './data-subject.enums';

/**
 * The columns every data subject's request about a case has (subject access, erasure): who asked, when it was
 * received, recorded and closed, by whom, and the DPO's note. Each request's table adds its own status.
 */
export abstract class DataSubjectRequestColumns {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /**
   * The case the request is about. A request names one case: the same child opened as two cases is two child
   * records here, so a requester with several cases is answered with one request per case.
   */
  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ name: 'requested_by', type: 'text' })
  requestedBy: SubjectRequester;

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
