import { ErasureStatus } from '@kinga/shared';
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
import { ErasureGround } from './erasure.enums';

@InputType({ description: 'An erasure request as it was received.' })
export class OpenErasureRequestInput extends OpenRequestFields {
  @Field(() => ErasureGround)
  ground: ErasureGround;
}

@InputType({ description: 'The DPO’s answer to an erasure request: a note on why it is carried out or refused.' })
export class AnswerErasureRequestInput {
  @Field(() => ID)
  id: string;

  @Field({ description: 'Why the request is carried out or refused (e.g. the retention duty that applies). No personal data.' })
  note: string;
}

@InputType({ description: 'Only the requests that match every given condition.' })
export class ErasureRequestFilter extends RequestFilterFields {
  @Field(() => [ErasureStatus], { nullable: true })
  status?: ErasureStatus[] | null;
}

export const openErasureRequestSchema = z
  .object({
    ...openRequestSchema,
    ground: z.nativeEnum(ErasureGround),
  })
  .superRefine(requireOneWayToTheCase);

export const answerErasureRequestSchema = z.object({
  id: z.string().uuid('is not an erasure request id'),
  note: dpoNoteSchema('why'),
});

export const erasureRequestIdSchema = z.string().uuid('is not an erasure request id');

export const erasureRequestFilterSchema = requestFilterSchema(ErasureStatus);
