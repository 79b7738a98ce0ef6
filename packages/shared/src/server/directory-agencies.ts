import type { AgencyType } from '../domain/directory-vocabulary';
import { badUserInput } from '../errors/errors';
import { checkThroughGateway, type GatewayCaller } from './gateway-client';

/** Ids asked per request: two aliases each, under the gateway's 30. */
const IDS_PER_CHECK = 10;

type AgencyFacts = { active: boolean; type: AgencyType };
type Answer = Record<string, AgencyFacts | { name: string; agency: { id: string; name: string } | null } | null>;

export interface DirectoryAgencyCheck {
  /** The input field the ids came in, named by the error: `input.agencyIds`. */
  field: string;
  /** How one entry is named in a message: `input.agencyIds[2]`, or the field itself for a single id. */
  entry(index: number): string;
  /** What is checked, for the message when the directory cannot be reached: "the agencies the consent names". */
  checking: string;
  /** Why a deactivated agency is refused, after "this agency is deactivated; ": "a consent for it would cover no one". */
  whyActive: string;
  /** What the field takes, before ": its agency is …" when a provider's id was given: "a consent names agencies". */
  takes: string;
  /** The only kinds of agency the field may name, and why, after "this agency is <TYPE>; ". */
  onlyTypes?: { types: readonly AgencyType[]; why: string };
}

/**
 * Agency ids another subgraph stores must name active directory agencies (DESIGN.md "Writes": a record
 * another subgraph owns is checked through the gateway, as the caller). The likeliest slip, a service
 * provider's id, is answered with the agency to give instead. An entry is named as sent (duplicates counted).
 */
export async function checkDirectoryAgencies(ctx: GatewayCaller, sent: readonly string[], check: DirectoryAgencyCheck): Promise<void> {
  const agencyIds = [...new Set(sent)];
  for (let start = 0; start < agencyIds.length; start += IDS_PER_CHECK) {
    const ids = agencyIds.slice(start, start + IDS_PER_CHECK);
    const query = `query DirectoryAgencies(${ids.map((_, i) => `$id${i}: ID!`).join(', ')}) {
      ${ids.map((_, i) => `a${i}: agency(id: $id${i}) { active type } p${i}: serviceProvider(id: $id${i}) { name agency { id name } }`).join('\n')}
    }`;
    const answer = await checkThroughGateway<Answer>(ctx, {
      query,
      variables: Object.fromEntries(ids.map((id, i) => [`id${i}`, id])),
      checking: check.checking,
      // Not there is answered below, from the data.
      onFieldError: (error) => error.extensions?.code === 'NOT_FOUND' || error.extensions?.code === 'BAD_USER_INPUT',
      onData: (data) => data,
    });
    ids.forEach((id, i) => {
      const agency = answer[`a${i}`] as AgencyFacts | null;
      const entry = check.entry(sent.indexOf(id));
      if (agency?.active && check.onlyTypes && !check.onlyTypes.types.includes(agency.type))
        throw badUserInput(`${entry}: this agency is ${agency.type}; ${check.onlyTypes.why}`, check.field);
      if (agency?.active) return;
      const provider = answer[`p${i}`] as { name: string; agency: { id: string; name: string } | null } | null;
      throw badUserInput(
        agency
          ? `${entry}: this agency is deactivated; ${check.whyActive}`
          : provider?.agency
            ? `${entry}: this is a service provider's id (${provider.name}); ${check.takes}: its agency is ${provider.agency.name}, ${provider.agency.id}`
            : `${entry}: no agency has this id`,
        check.field,
      );
    });
  }
}
