import type { SecurityCase, Expected } from './types';
import type { TokenName } from './tokens';

/**
 * SQL- and script-shaped strings in every text argument of the directory. Text is data: it is bound as a
 * parameter, stored and returned verbatim, or refused as BAD_USER_INPUT naming the field when it breaks a
 * format (an id, a county code, a phone number); never an internal error, never SQL in the response.
 * `<agencyId>` and `<providerId>` are replaced by real ids when the suite runs.
 */
export const HOSTILE_STRINGS: Array<[string, string]> = [
  ['SQL tautology', "' OR '1'='1"],
  ['SQL comment', "x'; --"],
  ['SQL stacked DROP', "'; DROP TABLE directory.agency; --"],
  ['SQL UNION', "' UNION SELECT usename, passwd FROM pg_shadow --"],
  ['SQL sleep', "'; SELECT pg_sleep(10); --"],
  ['LIKE wildcards', '%_%'],
  ['script tag', '<script>alert(document.cookie)</script>'],
  ['HTML handler', '"><img src=x onerror=alert(1)>'],
  ['template injection', '{{7*7}}${7*7}#{7*7}'],
];

interface TextArgument {
  name: string;
  query: string;
  /** Builds the variables with the hostile string in the argument under test. */
  variables: (text: string) => Record<string, unknown>;
  token?: TokenName;
  expect: Expected;
  /**
   * The answer's data given the variables sent: nothing matched by a filter, text stored and returned as it
   * was sent. The filters run before any write of this table stores a hostile string (the cases run in order).
   */
  data?: (variables: Record<string, unknown>) => unknown;
}

const OK: Expected = { status: 200, code: null };

/** The hostile string as each write below sends it: `input.<field>`. */
const sent = (field: string) => (variables: Record<string, unknown>) => (variables.i as Record<string, unknown>)[field];
const INVALID: Expected = { status: 200, code: 'BAD_USER_INPUT' };

const PROVIDER_INPUT = {
  agencyId: '<agencyId>',
  name: 'Injection Test Desk',
  type: 'NGO_PROGRAMME',
  countyCode: '047',
  services: ['LEGAL_AID'],
  openingHours: { open24Hours: true },
};

const TEXT_ARGUMENTS: TextArgument[] = [
  {
    name: 'agencies(filter.text)',
    query: 'query($t: String) { agencies(filter: { text: $t }) { totalCount } }',
    variables: (t) => ({ t }),
    expect: OK,
    data: () => ({ agencies: { totalCount: 0 } }),
  },
  {
    name: 'agencies(after)',
    query: 'query($t: String) { agencies(after: $t) { totalCount } }',
    variables: (t) => ({ t }),
    expect: INVALID,
  },
  { name: 'agency(id)', query: 'query($t: ID!) { agency(id: $t) { name } }', variables: (t) => ({ t }), expect: INVALID },
  {
    name: 'county(code)',
    query: 'query($t: ID!) { county(code: $t) { name } }',
    variables: (t) => ({ t }),
    expect: INVALID,
    data: () => ({ county: null }),
  },
  {
    name: 'serviceProviders(filter.text)',
    query: 'query($t: String) { serviceProviders(filter: { text: $t }) { totalCount } }',
    variables: (t) => ({ t }),
    expect: OK,
    data: () => ({ serviceProviders: { totalCount: 0 } }),
  },
  {
    name: 'serviceProviders(filter.county)',
    query: 'query($t: ID) { serviceProviders(filter: { county: $t }) { totalCount } }',
    variables: (t) => ({ t }),
    expect: INVALID,
  },
  {
    name: 'serviceProviders(filter.agencyId)',
    query: 'query($t: ID) { serviceProviders(filter: { agencyId: $t }) { totalCount } }',
    variables: (t) => ({ t }),
    expect: INVALID,
  },
  {
    name: 'serviceProviders(filter.openAt)',
    query: 'query($t: DateTimeISO) { serviceProviders(filter: { openAt: $t }) { totalCount } }',
    variables: (t) => ({ t }),
    expect: INVALID,
  },
  {
    name: 'serviceProviders(after)',
    query: 'query($t: String) { serviceProviders(after: $t) { totalCount } }',
    variables: (t) => ({ t }),
    expect: INVALID,
  },
  { name: 'serviceProvider(id)', query: 'query($t: ID!) { serviceProvider(id: $t) { name } }', variables: (t) => ({ t }), expect: INVALID },
  {
    name: 'createAgency(input.name)',
    query: 'mutation($i: CreateAgencyInput!) { createAgency(input: $i) { agency { name } } }',
    variables: (t) => ({ i: { name: `${t} ${Math.random().toString(36).slice(2, 8)}`, type: 'NGO' } }),
    token: 'admin',
    expect: OK,
    data: (v) => ({ createAgency: { agency: { name: sent('name')(v) } } }),
  },
  {
    name: 'createAgency(input.acronym)',
    query: 'mutation($i: CreateAgencyInput!) { createAgency(input: $i) { agency { acronym } } }',
    variables: (t) => ({ i: { name: `Acronym test ${Math.random().toString(36).slice(2, 8)}`, acronym: t, type: 'NGO' } }),
    token: 'admin',
    expect: INVALID,
  },
  {
    name: 'updateAgency(input.id)',
    query: 'mutation($i: UpdateAgencyInput!) { updateAgency(input: $i) { agency { id } } }',
    variables: (t) => ({ i: { id: t, name: 'x' } }),
    token: 'admin',
    expect: INVALID,
  },
  {
    name: 'updateAgency(input.name)',
    query: 'mutation($i: UpdateAgencyInput!) { updateAgency(input: $i) { agency { name } } }',
    variables: (t) => ({ i: { id: '<agencyId>', name: `${t} ${Math.random().toString(36).slice(2, 8)}` } }),
    token: 'admin',
    expect: OK,
    data: (v) => ({ updateAgency: { agency: { name: sent('name')(v) } } }),
  },
  {
    name: 'deactivateAgency(input.id)',
    query: 'mutation($i: DeactivateAgencyInput!) { deactivateAgency(input: $i) { agency { id } } }',
    variables: (t) => ({ i: { id: t } }),
    token: 'admin',
    expect: INVALID,
  },
  {
    name: 'createServiceProvider(input.agencyId)',
    query: 'mutation($i: CreateServiceProviderInput!) { createServiceProvider(input: $i) { serviceProvider { id } } }',
    variables: (t) => ({ i: { ...PROVIDER_INPUT, agencyId: t } }),
    token: 'admin',
    expect: INVALID,
  },
  {
    name: 'createServiceProvider(input.name)',
    query: 'mutation($i: CreateServiceProviderInput!) { createServiceProvider(input: $i) { serviceProvider { name } } }',
    variables: (t) => ({ i: { ...PROVIDER_INPUT, name: t } }),
    token: 'admin',
    expect: OK,
    data: (v) => ({ createServiceProvider: { serviceProvider: { name: sent('name')(v) } } }),
  },
  {
    name: 'createServiceProvider(input.countyCode)',
    query: 'mutation($i: CreateServiceProviderInput!) { createServiceProvider(input: $i) { serviceProvider { id } } }',
    variables: (t) => ({ i: { ...PROVIDER_INPUT, countyCode: t } }),
    token: 'admin',
    expect: INVALID,
  },
  {
    name: 'createServiceProvider(input.subCounty)',
    query: 'mutation($i: CreateServiceProviderInput!) { createServiceProvider(input: $i) { serviceProvider { subCounty } } }',
    variables: (t) => ({ i: { ...PROVIDER_INPUT, subCounty: t } }),
    token: 'admin',
    expect: OK,
    data: (v) => ({ createServiceProvider: { serviceProvider: { subCounty: sent('subCounty')(v) } } }),
  },
  {
    name: 'createServiceProvider(input.address)',
    query: 'mutation($i: CreateServiceProviderInput!) { createServiceProvider(input: $i) { serviceProvider { address } } }',
    variables: (t) => ({ i: { ...PROVIDER_INPUT, address: t } }),
    token: 'admin',
    expect: OK,
    data: (v) => ({ createServiceProvider: { serviceProvider: { address: sent('address')(v) } } }),
  },
  {
    name: 'createServiceProvider(input.phone)',
    query: 'mutation($i: CreateServiceProviderInput!) { createServiceProvider(input: $i) { serviceProvider { id } } }',
    variables: (t) => ({ i: { ...PROVIDER_INPUT, phone: t } }),
    token: 'admin',
    expect: INVALID,
  },
  {
    name: 'createServiceProvider(input.email)',
    query: 'mutation($i: CreateServiceProviderInput!) { createServiceProvider(input: $i) { serviceProvider { id } } }',
    variables: (t) => ({ i: { ...PROVIDER_INPUT, email: t } }),
    token: 'admin',
    expect: INVALID,
  },
  {
    name: 'createServiceProvider(input.openingHours.weekly.opens)',
    query: 'mutation($i: CreateServiceProviderInput!) { createServiceProvider(input: $i) { serviceProvider { id } } }',
    variables: (t) => ({
      i: { ...PROVIDER_INPUT, openingHours: { open24Hours: false, weekly: [{ day: 'MONDAY', opens: t, closes: '17:00' }] } },
    }),
    token: 'admin',
    expect: INVALID,
  },
  {
    name: 'updateServiceProvider(input.id)',
    query: 'mutation($i: UpdateServiceProviderInput!) { updateServiceProvider(input: $i) { serviceProvider { id } } }',
    variables: (t) => ({ i: { id: t, name: 'x' } }),
    token: 'admin',
    expect: INVALID,
  },
  {
    name: 'updateServiceProvider(input.address)',
    query: 'mutation($i: UpdateServiceProviderInput!) { updateServiceProvider(input: $i) { serviceProvider { address } } }',
    variables: (t) => ({ i: { id: '<providerId>', address: t } }),
    token: 'admin',
    expect: OK,
    data: (v) => ({ updateServiceProvider: { serviceProvider: { address: sent('address')(v) } } }),
  },
  {
    name: 'deactivateServiceProvider(input.id)',
    query: 'mutation($i: DeactivateServiceProviderInput!) { deactivateServiceProvider(input: $i) { serviceProvider { id } } }',
    variables: (t) => ({ i: { id: t } }),
    token: 'admin',
    expect: INVALID,
  },
];

export const INJECTION_CASES: SecurityCase[] = TEXT_ARGUMENTS.flatMap((argument) =>
  HOSTILE_STRINGS.map(([kind, text]) => {
    const variables = argument.variables(text);
    return {
      category: 'injection',
      name: `${kind} in ${argument.name}`,
      request: { query: argument.query, variables, token: argument.token },
      // A statement that slept (`pg_sleep(10)`) would have run.
      expect: { ...argument.expect, withinMs: 5_000, ...(argument.data ? { data: argument.data(variables) } : {}) },
    };
  }),
);
