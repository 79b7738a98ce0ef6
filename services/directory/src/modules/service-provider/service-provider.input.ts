import { countyCodeSchema, KENYAN_PHONE } from '@kinga/shared';
import { Field, GraphQLISODateTime, ID, InputType, Int } from 'type-graphql';
import { z } from 'zod';
import { ProviderType, ServiceType, Weekday } from './service-provider.enums';

@InputType()
export class ServiceProviderFilter {
  @Field(() => ID, { nullable: true, description: 'County code, e.g. "047".' })
  county?: string | null;

  @Field(() => [ServiceType], { nullable: true, description: 'Providers that offer every one of these services.' })
  services?: ServiceType[] | null;

  @Field(() => [ProviderType], { nullable: true, description: 'Providers of any of these types.' })
  types?: ProviderType[] | null;

  @Field(() => Boolean, { nullable: true })
  acceptingReferrals?: boolean | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Providers open at this instant (their hours are in Kenyan time).' })
  openAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'Part of the name, sub-county or address, any case.' })
  text?: string | null;

  @Field(() => ID, { nullable: true })
  agencyId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Include deactivated providers (default: only active ones).' })
  includeInactive?: boolean | null;
}

@InputType()
export class OpeningWindowInput {
  @Field(() => Weekday)
  day: Weekday;

  @Field({ description: '"HH:MM", 24-hour clock, Kenyan time.' })
  opens: string;

  @Field({ description: '"HH:MM", later than `opens`; "24:00" for a window that runs to midnight (the next day\'s opens "00:00").' })
  closes: string;
}

@InputType()
export class OpeningHoursInput {
  @Field()
  open24Hours: boolean;

  @Field(() => [OpeningWindowInput], { nullable: true })
  weekly?: OpeningWindowInput[] | null;
}

@InputType()
export class CreateServiceProviderInput {
  @Field(() => ID)
  agencyId: string;

  @Field()
  name: string;

  @Field(() => ProviderType)
  type: ProviderType;

  @Field(() => ID, { description: 'County code, e.g. "047".' })
  countyCode: string;

  @Field(() => String, { nullable: true })
  subCounty?: string | null;

  @Field(() => String, { nullable: true })
  address?: string | null;

  @Field(() => String, {
    nullable: true,
    description: '+2547XXXXXXXX, 07XXXXXXXX, 01XXXXXXXX, a landline such as 020XXXXXXX, or a short code such as 116.',
  })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => OpeningHoursInput, {
    nullable: true,
    description:
      'Required (refused with BAD_USER_INPUT without it): weekly windows, or open24Hours: true. Nullable in the schema only so that its absence is answered naming the field, not with graphql-js quoting the whole input back.',
  })
  openingHours?: OpeningHoursInput | null;

  @Field(() => [ServiceType])
  services: ServiceType[];

  @Field(() => Int, { nullable: true })
  capacity?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Default true.' })
  acceptingReferrals?: boolean | null;
}

@InputType()
export class UpdateServiceProviderInput {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => ProviderType, { nullable: true })
  type?: ProviderType | null;

  @Field(() => ID, { nullable: true })
  countyCode?: string | null;

  @Field(() => String, { nullable: true })
  subCounty?: string | null;

  @Field(() => String, { nullable: true })
  address?: string | null;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => OpeningHoursInput, { nullable: true })
  openingHours?: OpeningHoursInput | null;

  @Field(() => [ServiceType], { nullable: true })
  services?: ServiceType[] | null;

  @Field(() => Int, { nullable: true })
  capacity?: number | null;

  @Field(() => Boolean, { nullable: true })
  acceptingReferrals?: boolean | null;
}

@InputType()
export class DeactivateServiceProviderInput {
  @Field(() => ID)
  id: string;
}

@InputType()
export class ReactivateServiceProviderInput {
  @Field(() => ID)
  id: string;
}

/**
 * The first day with two windows that overlap (or start together), or null: one desk is open or closed at a
 * time, and two windows opening at the same minute would also collide in the table's key.
 */
export function overlappingWindowDay(windows: ReadonlyArray<{ day: Weekday; opens: string; closes: string }>): Weekday | null {
  const sorted = [...windows].sort((a, b) => a.day.localeCompare(b.day) || a.opens.localeCompare(b.opens));
  for (let i = 1; i < sorted.length; i += 1) {
    if (sorted[i].day === sorted[i - 1].day && sorted[i].opens < sorted[i - 1].closes) return sorted[i].day;
  }
  return null;
}

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time "HH:MM" on the 24-hour clock');
/** A window that runs to midnight closes at 24:00, so that it is open in the day's last minute too. */
const closingTime = z
  .string()
  .regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'must be a time "HH:MM" on the 24-hour clock, or 24:00 for midnight');
/** Hours are weekly windows or round the clock: without either a provider is never found open. */
const HOURS_NEEDED = 'give weekly windows, or open24Hours: true';

const openingHours = z
  .object({
    open24Hours: z.boolean(),
    weekly: z
      .array(
        z
          .object({ day: z.nativeEnum(Weekday), opens: time, closes: closingTime })
          .refine(
            (w) => w.closes > w.opens,
            'closes must be later than opens (split a window that crosses midnight in two: ... to 24:00, 00:00 to ...)',
          ),
      )
      .max(21, 'at most 21 windows')
      .superRefine((windows, issue) => {
        const day = overlappingWindowDay(windows);
        if (day) issue.addIssue({ code: 'custom', message: `two windows on ${day} overlap; merge them into one` });
      })
      .nullish(),
  })
  .refine((h) => h.open24Hours || (h.weekly?.length ?? 0) > 0, HOURS_NEEDED);

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

const providerFields = {
  name: z.string().trim().min(2, 'must be at least 2 characters').max(200, 'must be at most 200 characters'),
  type: z.nativeEnum(ProviderType),
  countyCode: countyCodeSchema,
  subCounty: text(100).nullish(),
  address: text(300).nullish(),
  phone: z
    .string()
    .trim()
    .regex(KENYAN_PHONE, 'must be a Kenyan phone number (+254712345678, 0712345678, 0201234567) or a short code such as 116')
    .nullish(),
  email: z.string().trim().max(254, 'must be at most 254 characters').email('must be an email address').nullish(),
  openingHours: openingHours.nullish(),
  services: z.array(z.nativeEnum(ServiceType)).min(1, 'name at least one service').max(20),
  capacity: z.number().int().min(0, 'must not be negative').max(100_000).nullish(),
  acceptingReferrals: z.boolean().nullish(),
};

export const agencyIdField = z.string().uuid('is not an agency id');

export const createServiceProviderSchema = z.object({
  agencyId: agencyIdField,
  ...providerFields,
  // Without hours a provider would be stored as never open and left out of every "open now" search.
  openingHours: openingHours.nullish().transform((hours, issue) => {
    if (hours) return hours;
    issue.addIssue({ code: 'custom', message: HOURS_NEEDED });
    return z.NEVER;
  }),
});
export const updateServiceProviderSchema = z.object({
  id: z.string().uuid('is not a service provider id'),
  name: providerFields.name.nullish(),
  type: providerFields.type.nullish(),
  countyCode: providerFields.countyCode.nullish(),
  subCounty: providerFields.subCounty,
  address: providerFields.address,
  phone: providerFields.phone,
  email: providerFields.email,
  openingHours: providerFields.openingHours,
  services: providerFields.services.nullish(),
  capacity: providerFields.capacity,
  acceptingReferrals: providerFields.acceptingReferrals,
});
export const serviceProviderIdSchema = z.object({ id: z.string().uuid('is not a service provider id') });

export type ValidOpeningHours = z.infer<typeof openingHours>;
