import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'case_note' })
export class CaseNoteEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ name: 'author_sub', type: 'text' })
  authorSub: string;

  @Column({ name: 'author_name', type: 'text' })
  authorName: string;

  /** Null once an erasure request was carried out: who wrote a note and when stays. */
  @Column({ type: 'text', nullable: true })
  body: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** The key the writer's client gave, with a digest of its request: a retry answers with this row. */
  @Column({ name: 'idempotency_key', type: 'text', nullable: true, select: false })
  idempotencyKey?: string | null;

  @Column({ name: 'request_digest', type: 'text', nullable: true, select: false })
  requestDigest?: string | null;
}
