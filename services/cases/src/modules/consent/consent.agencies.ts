import { badUserInput, checkThroughGateway } from '@kinga/shared';
import type { CasesContext } from '../../cases.context';

/** Ids asked per request: two aliases each, under the gateway's 30. */
const IDS_PER_CHECK = 10;

type Answer = Record<string, { active: boolean } | { name: string; agency: { id: string; name: string } | null } | null>;

/**
 * The agencies a consent names must exist and be active (DESIGN.md "Writes": a record another subgraph owns
 * is checked through the gateway). A consent naming no real agency covers no one: the clinician it was meant
 * for would be refused the child's data at midnight with nothing to act on. The likeliest slip, a service
 * provider's id (the one just used as `toProviderId`), is named with the agency to give instead. An error
 * names the entry as sent (`input.agencyIds[2]`), duplicates counted.
 */
export async function checkConsentAgencies(ctx: CasesContext, sent: readonly string[]): Promise<void> {
  const agencyIds = [...new Set(sent)];
  for (let start = 0; start < agencyIds.length; start += IDS_PER_CHECK) {
    const ids = agencyIds.slice(start, start + IDS_PER_CHECK);
    const query = `query ConsentAgencies(${ids.map((_, i) => `$id${i}: ID!`).join(', ')}) {
      ${ids.map((_, i) => `a${i}: agency(id: $id${i}) { active } p${i}: serviceProvider(id: $id${i}) { name agency { id name } }`).join('\n')}
    }`;
    const answer = await checkThroughGateway<Answer>(ctx, {
      query,
      variables: Object.fromEntries(ids.map((id, i) => [`id${i}`, id])),
      checking: 'the agencies the consent names',
      // Not there is answered below, from the data.
      onFieldError: (error) => error.extensions?.code === 'NOT_FOUND' || error.extensions?.code === 'BAD_USER_INPUT',
      onData: (data) => data,
    });
    ids.forEach((id, i) => {
      const agency = answer[`a${i}`] as { active: boolean } | null;
      if (agency?.active) return;
      const field = `input.agencyIds[${sent.indexOf(id)}]`;
      const provider = answer[`p${i}`] as { name: string; agency: { id: string; name: string } | null } | null;
      throw badUserInput(
        agency
          ? `${field}: this agency is deactivated; a consent for it would cover no one`
          : provider?.agency
            ? `${field}: this is a service provider's id (${provider.name}); a consent names agencies: its agency is ${provider.agency.name}, ${provider.agency.id}`
            : `${field}: no agency has this id`,
        'input.agencyIds',
      );
    });
  }
}
