import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sensitiveFieldsLoggedInClear, Tier } from '@kinga/shared';
import { Kind, parse, type ObjectTypeDefinitionNode } from 'graphql';
import { SERVICE_RECORD_FIELDS } from '../service-record/service-record.type';
import type { FieldClass } from './referral.access';
import { REFERRAL_EVENT_FIELDS, REFERRAL_FIELDS, REQUIRES_CASE_CONSENTS } from './referral.type';

/** The committed schema (a drift test keeps it equal to the code). */
const sdl = parse(readFileSync(join(__dirname, '../../../schema.graphql'), 'utf8'));
const referralType = sdl.definitions.find(
  (d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === 'Referral',
) as ObjectTypeDefinitionNode;
const requiresOf = (field: string) =>
  referralType.fields
    ?.find((f) => f.name.value === field)
    ?.directives?.filter((d) => d.name.value === 'requires')
    .map((d) => d.arguments?.find((a) => a.name.value === 'fields')?.value) ?? [];
const requiredFields = /@requires\(fields: "(.*)"\)/.exec(REQUIRES_CASE_CONSENTS)![1];

describe("the referral's fields that the case's consents decide", () => {
  // Without the case's facts such a field is refused to every party but the owner: a wrong denial, not a leak.
  it('are every field above OPERATIONAL and the history whose notes are; each carries the @requires, and no other field does', () => {
    const withFacts = Object.entries(REFERRAL_FIELDS)
      .filter(([, cls]) => cls.withCaseFacts)
      .map(([name]) => name);
    expect(withFacts.sort()).toEqual(['cancelReason', 'consentReference', 'declineReason', 'history', 'reason', 'recipientMayRead']);
    for (const [name, cls] of Object.entries(REFERRAL_FIELDS)) {
      if (cls.tier !== Tier.OPERATIONAL && cls.tier !== Tier.PUBLIC)
        expect({ name, withCaseFacts: cls.withCaseFacts }).toEqual({ name, withCaseFacts: true });
      const expected = cls.withCaseFacts ? [{ kind: Kind.STRING, value: requiredFields, block: false, loc: expect.anything() }] : [];
      expect({ name, requires: requiresOf(name) }).toEqual({ name, requires: expected });
    }
    // Every step of the history is reached only through `history`, so with the facts.
    expect(Object.values(REFERRAL_EVENT_FIELDS).every((cls) => cls.withCaseFacts)).toBe(true);
  });
});

describe('the referral tier tables and the logs', () => {
  const tiersOf = (table: Readonly<Record<string, FieldClass>>) =>
    Object.fromEntries(Object.entries(table).map(([name, cls]) => [name, cls.tier]));
  it.each([
    ['Referral', REFERRAL_FIELDS],
    ['ReferralEvent', REFERRAL_EVENT_FIELDS],
    ['ServiceRecord', SERVICE_RECORD_FIELDS],
  ] as const)('keep every field of %s above OPERATIONAL out of the logs', (_type, table) => {
    expect(sensitiveFieldsLoggedInClear(tiersOf(table))).toEqual([]);
  });
});
