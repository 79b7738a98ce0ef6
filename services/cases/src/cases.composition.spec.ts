import { existsSync } from 'node:fs';
import { composeSupergraph, readSubgraphSchema, subgraphSchemaPath, SUBGRAPHS } from '@kinga/gateway';

/**
 * The contract with the referrals subgraph (Case.referralParties), as that subgraph must declare it; used
 * only while services/referrals/schema.graphql does not exist yet, so this test checks our half either way.
 */
const REFERRALS_CONTRACT_SDL = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@inaccessible"])
type Query { _referralsContract: Boolean }
type Case @key(fields: "id") { id: ID! referralParties: [ReferralParty!]! @shareable @inaccessible }
type ReferralParty @shareable @inaccessible { providerId: ID! agencyId: ID! agencyType: AgencyType }
enum AgencyType { GOVERNMENT POLICE HEALTH NGO FBO CBO UN_AGENCY PRIVATE_SECTOR JUDICIARY EDUCATION }
`;

describe('composition of the cases subgraph with the others', () => {
  it('composes with every committed schema.graphql (and the referrals contract while referrals has none)', () => {
    const present = SUBGRAPHS.filter(({ name }) => existsSync(subgraphSchemaPath(name)));
    const sources = present.map(({ name }) => ({ name, url: `http://127.0.0.1/${name}`, sdl: readSubgraphSchema(name) }));
    if (!present.some(({ name }) => name === 'referrals')) {
      sources.push({ name: 'referrals', url: 'http://127.0.0.1/referrals', sdl: REFERRALS_CONTRACT_SDL });
    }
    const supergraph = composeSupergraph(sources);
    expect(supergraph).toContain('referralParties');
    // Clients never see the parties: they are inaccessible in the API schema.
    const line = supergraph.split('\n').find((l) => l.includes('referralParties:')) ?? '';
    expect(line).toContain('@inaccessible');
    expect(line).toMatch(/@join__field\(graph: CASES, external: true\)/);
    expect(line).toMatch(/@join__field\(graph: REFERRALS\)/);
    expect(supergraph).toMatch(
      /caseNumber: String @join__field\(graph: CASES, requires: "referralParties \{ providerId agencyId agencyType \}"\)/,
    );
  });
});
