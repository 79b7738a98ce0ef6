import { SubjectAccessStatus } from '@kinga/shared';
import { Field, ID, InputType } from 'type-graphql';
import { z } from 'zod';
import {
  dpoNoteSchema,
  openRequestSchema,
  OpenRequestFields,
  requestFilterSchema,
  RequestFilterFields,
  requireOneWayToTheCase,
} from '../data-subject/data-subject-requests';
import { SubjectAccessOutcome } from './subject-access.enums';

@InputType({ description: 'A subject access request as it was received.' })
export class OpenSubjectAccessRequestInput extends OpenRequestFields {}

@InputType({ description: 'How a subject access request was answered.' })
export class CloseSubjectAccessRequestInput {
  @Field(() => ID)
  id: string;

  @Field(() => SubjectAccessOutcome)
  outcome: SubjectAccessOutcome;

  @Field({ description: 'What was given to the requester, or why the request was refused. No personal data.' })
  note: string;
}

@InputType({ description: 'Only the requests that match every given condition.' })
export class SubjectAccessRequestFilter extends RequestFilterFields {
  @Field(() => [SubjectAccessStatus], { nullable: true })
  status?: SubjectAccessStatus[] | null;
}

export const openSubjectAccessRequestSchema = z
  .object({
    ...openRequestSchema,
  })
  .superRefine(requireOneWayToTheCase);

export const closeSubjectAccessRequestSchema = z.object({
  id: z.string().uuid('is not a subject access request id'),
  outcome: z.nativeEnum(SubjectAccessOutcome),
  note: dpoNoteSchema('what was given or why not'),
});

export const subjectAccessRequestIdSchema = z.string().uuid('is not a subject access request id');

export const subjectAccessRequestFilterSchema = requestFilterSchema(SubjectAccessStatus);
