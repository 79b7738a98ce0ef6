import { Connection } from '@kinga/shared';
import { Field, ID, ObjectType } from 'type-graphql';
import type { Scoped } from '../case/case-scope';
import type { CaseNoteEntity } from './case-note.entity';

@ObjectType('CaseNote', { description: 'A dated note on a case by the officer who wrote it.' })
export class CaseNote {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true, description: 'OPERATIONAL.' })
  authorName: string | null;

  @Field(() => String, { nullable: true, description: 'OPERATIONAL.' })
  authorSub: string | null;

  @Field(() => Date, { nullable: true, description: 'OPERATIONAL.' })
  createdAt: Date | null;

  @Field(() => String, { nullable: true, description: 'NARRATIVE.' })
  body: string | null;
}

export type CaseNoteView = CaseNoteEntity & Scoped;

@ObjectType('CaseNoteConnection')
export class CaseNoteConnection extends Connection(CaseNote, 'CaseNote') {}
