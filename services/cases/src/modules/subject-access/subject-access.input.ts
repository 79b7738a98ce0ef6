import { SubjectAccessStatus } from '@kinga/shared';
import { Field, ID, InputType } from 'type-graphql';
import { z } from 'zod';
import { caseNumberSchema, pastDate } from '../case/case.input';
import { SubjectAccessOutcome, SubjectRequester } from './subject-access.enums';

@InputType({ description: 'A subject access request as it was received.' })
export class OpenSubjectAccessRequestInput {
  @Field(() => ID, { nullable: true, description: 'The case whose records are asked for: one request per case. Or give caseNumber.' })
  caseId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The case by its number, as the requester has it on their papers (KE-047-2025-000123), instead of caseId.',
  })
  caseNumber?: string | null;

  @Field(() => SubjectRequester)
  requestedBy: SubjectRequester;

  @Field(() => String, { nullable: true, description: 'ISO 8601 date it was received; today when omitted; never in the future.' })
  receivedOn?: string | null;
}

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
export class SubjectAccessRequestFilter {
  @Field(() => [SubjectAccessStatus], { nullable: true })
  status?: SubjectAccessStatus[] | null;
}

export const openSubjectAccessRequestSchema = z
  .object({
    caseId: z.string().uuid('is not a case id').nullish(),
    caseNumber: z.string().trim().pipe(caseNumberSchema).nullish(),
    requestedBy: z.nativeEnum(SubjectRequester),
    receivedOn: pastDate.nullish(),
  })
  .superRefine((input, ctx) => {
    if (!input.caseId === !input.caseNumber)
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['caseId'],
        message: 'give the case by its id or by its number (caseNumber), one of the two',
      });
  });

export const closeSubjectAccessRequestSchema = z.object({
  id: z.string().uuid('is not a subject access request id'),
  outcome: z.nativeEnum(SubjectAccessOutcome),
  note: z
    .string()
    .trim()
    .min(5, 'must say what was given or why not, in at least 5 characters')
    .max(2_000, 'must be at most 2000 characters'),
});

export const subjectAccessRequestIdSchema = z.string().uuid('is not a subject access request id');

export const subjectAccessRequestFilterSchema = z.object({ status: z.array(z.nativeEnum(SubjectAccessStatus)).nullish() });
