import { Field, InputType, Int, ObjectType } from 'type-graphql';

@InputType('ProgrammePeriodInput', { description: 'A calendar year, or one quarter of it (Q1 = January to March).' })
export class ProgrammePeriodInput {
  @Field(() => Int)
  year: number;

  @Field(() => Int, { nullable: true, description: '1 to 4; omit for the whole year.' })
  quarter?: number | null;
}

@ObjectType('ProgrammePeriod', { description: 'A calendar year, or one quarter of it (Q1 = January to March).' })
export class ProgrammePeriod {
  @Field(() => Int)
  year: number;

  @Field(() => Int, { nullable: true, description: '1 to 4; null for the whole year.' })
  quarter: number | null;
}

export interface Period {
  year: number;
  quarter: number | null;
}

export const periodKey = (p: Period) => `${p.year}/${p.quarter ?? 0}`;
