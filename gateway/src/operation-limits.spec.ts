import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ApolloGateway } from '@apollo/gateway';
import {
  answerSizeOf,
  MAX_ANSWER_SIZE,
  operationLimitProtection,
  pageSizesOf,
  PLAIN_LIST_SIZES,
  STATISTICS_DIMENSION_VALUES,
} from '@kinga/shared';
import {
  getNamedType,
  isCompositeType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type GraphQLEnumType,
  type GraphQLSchema,
} from 'graphql';
import { GATEWAY_OPERATION_LIMITS } from './operation-limits';
import { REPOSITORY_ROOT, readSubgraphSchema, SUBGRAPHS, subgraphSchemaPath } from './subgraphs';
import { composeSupergraph } from './supergraph';

/** Test files that send hostile operations on purpose. */
const HOSTILE = [join('e2e', 'src', 'security'), join('e2e', 'src', 'faults')];

function filesUnder(dir: string, ending: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (entry === 'node_modules' || entry === 'dist') return [];
    if (statSync(path).isDirectory()) return filesUnder(path, ending);
    return path.endsWith(ending) ? [path] : [];
  });
}

/** The operations the project documents: its e2e tests' operations (without interpolation) and its Markdown. */
function documentedOperations(): Array<{ where: string; document: DocumentNode }> {
  const found: Array<{ where: string; document: DocumentNode }> = [];
  const add = (where: string, text: string) => {
    try {
      found.push({ where, document: parse(text) });
    } catch {
      // Not an operation (an SDL snippet, a fragment of a sentence).
    }
  };
  const e2e = filesUnder(join(REPOSITORY_ROOT, 'e2e', 'src'), '.ts').filter((f) => !HOSTILE.some((h) => f.includes(h)));
  for (const file of e2e) {
    // Tagged (gql`…`) or plain template strings that read as an operation, as the tests send them.
    for (const match of readFileSync(file, 'utf8').matchAll(/`\s*((?:query|mutation)\b[^`]*|\{[^`]*)`/g)) {
      if (!match[1].includes('${')) add(file, match[1]);
    }
  }
  const docs = [...filesUnder(join(REPOSITORY_ROOT, 'docs'), '.md'), join(REPOSITORY_ROOT, 'README.md')].filter((f) => existsSync(f));
  for (const file of docs) {
    for (const match of readFileSync(file, 'utf8').matchAll(/```graphql\n([\s\S]*?)```/g)) add(file, match[1]);
  }
  return found;
}

/**
 * Variables for a documented operation's list arguments (`indicatorIds: $ids`): written with one, it is sent
 * narrowed (the tests pass one id or a few); a list of everything is documented without the variable.
 */
function narrowedBy(document: DocumentNode): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const variable of definition.variableDefinitions ?? []) {
      const type = variable.type.kind === Kind.NON_NULL_TYPE ? variable.type.type : variable.type;
      if (type.kind === Kind.LIST_TYPE) variables[variable.variable.name.value] = ['one'];
    }
  }
  return variables;
}

describe('gateway operation limits', () => {
  let schema: GraphQLSchema;
  const { validationRules } = operationLimitProtection(GATEWAY_OPERATION_LIMITS);
  const limitErrors = (document: DocumentNode) =>
    validate(schema, document, validationRules)
      .map((e) => e.message)
      .filter((m) => /limit/i.test(m));

  beforeAll(async () => {
    const present = SUBGRAPHS.filter(({ name }) => existsSync(subgraphSchemaPath(name)));
    const supergraphSdl = composeSupergraph(
      present.map(({ name, port }) => ({ name, url: `http://127.0.0.1:${port}/graphql`, sdl: readSubgraphSchema(name) })),
    );
    const gateway = new ApolloGateway({ supergraphSdl });
    schema = (await gateway.load()).schema;
    await gateway.stop();
  });

  it("counts a statistics table's enum dimensions by as many values as the schema's enums have", () => {
    const valuesOf = (enumName: string) => (schema.getType(enumName) as GraphQLEnumType).getValues().length;
    expect(STATISTICS_DIMENSION_VALUES).toMatchObject({
      case: { CATEGORY: valuesOf('CaseCategory'), SEX: valuesOf('Sex'), AGE_BAND: valuesOf('AgeBand') },
      referral: { SERVICE: valuesOf('ServiceType'), URGENCY: valuesOf('Urgency'), STATUS: valuesOf('ReferralStatus') },
    });
  });

  it('lets every operation the project documents through', () => {
    const operations = documentedOperations();
    // The e2e tests' own operations are most of them: a pattern that found none would check only the docs.
    expect(operations.filter(({ where }) => where.includes(join('e2e', 'src'))).length).toBeGreaterThan(50);
    for (const { where, document } of operations) {
      expect({ where, errors: limitErrors(document) }).toEqual({ where, errors: [] });
      for (const size of pageSizesOf(document)) expect(size).toBeLessThanOrEqual(GATEWAY_OPERATION_LIMITS.maxPageSize);
      expect({ where, fits: answerSizeOf(schema, document, narrowedBy(document)) <= MAX_ANSWER_SIZE }).toEqual({ where, fits: true });
    }
  });

  it('multiplies nested pages however `first` is given: written, through a variable, by its default, or left out', () => {
    const nested = (first: string) =>
      `agencies(first: ${first}) { edges { node { progressReports(first: ${first}) { edges { node { id } } } } } }`;
    const written = answerSizeOf(schema, parse(`{ ${nested('100')} }`));
    expect(written).toBeGreaterThan(MAX_ANSWER_SIZE);
    expect(answerSizeOf(schema, parse(`query($n: Int) { ${nested('$n')} }`), { n: 100 })).toBe(written);
    expect(answerSizeOf(schema, parse(`query($n: Int = 100) { ${nested('$n')} }`))).toBe(written);
    const leftOut = answerSizeOf(schema, parse('{ agencies { edges { node { progressReports { edges { node { id } } } } } } }'));
    expect(leftOut).toBe(answerSizeOf(schema, parse(`{ ${nested('20')} }`)));
    // Thirty aliases of a small page add up too.
    const aliased = `query($n: Int) { ${Array.from({ length: 30 }, (_, i) => `a${i}: ${nested('$n')}`).join(' ')} }`;
    expect(answerSizeOf(schema, parse(aliased), { n: 10 })).toBe(30 * answerSizeOf(schema, parse(`{ ${nested('10')} }`)));
  });

  it("counts a statistics table's cells by its grouping, so every column of a small table fits and a large one is still bounded", () => {
    const EVERY_COLUMN = `method groupBy suppressionThreshold asOf cells { county service urgency status month suppressed count
      medianHoursToAcknowledge medianHoursToAccept medianHoursToComplete shareCompletedWithinSla }`;
    const byUrgency = parse(`{ referralStatistics(groupBy: [URGENCY]) { ${EVERY_COLUMN} } }`);
    expect(answerSizeOf(schema, byUrgency)).toBeLessThan(100);
    const throughVariable = parse(`query($by: [ReferralStatisticsDimension!]!) { referralStatistics(groupBy: $by) { ${EVERY_COLUMN} } }`);
    expect(answerSizeOf(schema, throughVariable, { by: ['URGENCY'] })).toBe(answerSizeOf(schema, byUrgency));
    // Every dimension at once: counted as 1,000 cells, as before, and so refused with every column.
    const everything = parse(`{ referralStatistics(groupBy: [COUNTY, SERVICE, URGENCY, STATUS, MONTH]) { ${EVERY_COLUMN} } }`);
    expect(answerSizeOf(schema, everything)).toBeGreaterThan(MAX_ANSWER_SIZE);
    const cases = (groupBy: string) =>
      parse(`{ caseStatistics(groupBy: ${groupBy}) { cells { countyCode category quarter sex ageBand count suppressed } } }`);
    // Counted by county too, as a county supervisor's is cut: 4 x 4 x 47 cells, which fit.
    expect(answerSizeOf(schema, cases('[SEX, AGE_BAND]'))).toBe(answerSizeOf(schema, cases('[COUNTY, SEX, AGE_BAND]')));
    expect(answerSizeOf(schema, cases('[SEX, AGE_BAND]'))).toBeLessThan(MAX_ANSWER_SIZE);
    expect(answerSizeOf(schema, cases('[COUNTY, CATEGORY, QUARTER]'))).toBe(
      answerSizeOf(schema, cases('[COUNTY, CATEGORY, QUARTER, SEX]')),
    );
    // A filter widens the table the service reads to every dimension it names: counted as the largest, so thirty
    // aliases of a small grouping with a filter are refused, as thirty whole tables would be.
    const filtered = (filter: string) =>
      `referralStatistics(groupBy: [URGENCY], filter: ${filter}) { cells { county service urgency status month count } }`;
    const thirty = (filter: string) => `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: ${filtered(filter)}`).join(' ')} }`;
    expect(answerSizeOf(schema, parse(thirty('{ counties: ["047"], fromMonth: "2000-01" }')))).toBeGreaterThan(MAX_ANSWER_SIZE);
    expect(answerSizeOf(schema, parse(`query($f: ReferralStatisticsFilter) { ${filtered('$f')} }`), { f: { statuses: ['SENT'] } })).toBe(
      answerSizeOf(schema, parse(`{ ${filtered('{ counties: ["047"] }')} }`)),
    );
    expect(answerSizeOf(schema, parse(`query($f: ReferralStatisticsFilter) { ${filtered('$f')} }`), { f: null })).toBeLessThan(100);
    // A filter left to its variable's default is the default, as the planner sends it.
    const defaulted = `query($f: ReferralStatisticsFilter = { fromMonth: "2000-01" }) { ${Array.from({ length: 30 }, (_, i) => `a${i}: ${filtered('$f')}`).join(' ')} }`;
    expect(answerSizeOf(schema, parse(defaulted))).toBeGreaterThan(MAX_ANSWER_SIZE);
    // So is a variable inside a filter.
    const inside = `query($c: [String!]) { ${filtered('{ counties: $c }')} }`;
    expect(answerSizeOf(schema, parse(inside), { c: ['047'] })).toBeLessThan(
      answerSizeOf(schema, parse(inside), { c: ['047', '001', '002'] }),
    );
    // A county's dashboard, every column of its table by service, fits as the national one does.
    const EVERY =
      'cells { county service urgency status month suppressed count medianHoursToAcknowledge medianHoursToAccept medianHoursToComplete shareCompletedWithinSla }';
    expect(
      answerSizeOf(schema, parse(`{ referralStatistics(groupBy: [SERVICE], filter: { counties: ["047"] }) { asOf ${EVERY} } }`)),
    ).toBeLessThan(1_000);
    // An empty county list, which County.caseStatistics replaces with its county, is one county, not none.
    const perCounty = `{ counties { caseStatistics(groupBy: [CATEGORY, QUARTER, SEX, AGE_BAND], filter: { counties: [] }) { cells { countyCode category quarter sex ageBand count suppressed } } } }`;
    expect(answerSizeOf(schema, parse(perCounty))).toBeGreaterThan(MAX_ANSWER_SIZE);
    // A county supervisor's table is cut by county whatever is asked: counted so for every caller.
    expect(answerSizeOf(schema, parse(`{ caseStatistics(groupBy: [SEX]) { cells { sex count } } }`))).toBeGreaterThan(4 * 47 * 2);
    // A dimension named twice is one, as the services read it.
    expect(answerSizeOf(schema, parse(`{ referralStatistics(groupBy: [COUNTY, COUNTY]) { ${EVERY} } }`))).toBe(
      answerSizeOf(schema, parse(`{ referralStatistics(groupBy: [COUNTY]) { ${EVERY} } }`)),
    );
    // A whole table as columns: each column one value per cell, so thirty copies are refused too.
    const columns = `caseStatistics(groupBy: [COUNTY, CATEGORY, QUARTER]) { columns { countyCodes categories quarters counts suppressed } }`;
    expect(answerSizeOf(schema, parse(`{ ${columns} }`))).toBeGreaterThan(5_000);
    expect(answerSizeOf(schema, parse(`{ ${columns} }`))).toBeLessThan(MAX_ANSWER_SIZE);
    expect(answerSizeOf(schema, parse(`{ ${Array.from({ length: 3 }, (_, i) => `a${i}: ${columns}`).join(' ')} }`))).toBeGreaterThan(
      MAX_ANSWER_SIZE,
    );
  });

  it('takes nothing off for a negative page, which would let what is beside it through', () => {
    const FIELDS = 'countyCode target actual baseline absoluteVariance relativeVariance status reportCount indicator { id }';
    const large = `counties { ${Array.from({ length: 28 }, (_, i) => `p${i}: indicatorProgress(period: { year: 2024 }) { ${FIELDS} }`).join(' ')} }`;
    const negative = (first: string) => `agencies(first: 1) { edges { node { progressReports(first: ${first}) { totalCount } } } }`;
    const alone = answerSizeOf(schema, parse(`{ ${large} }`));
    expect(alone).toBeGreaterThan(MAX_ANSWER_SIZE);
    expect(answerSizeOf(schema, parse(`{ ${negative('-2000000000')} ${large} }`))).toBeGreaterThan(alone);
    expect(answerSizeOf(schema, parse(`query($n: Int) { ${negative('$n')} ${large} }`), { n: -2_000_000_000 })).toBeGreaterThan(alone);
  });

  it("reads a variable's default from the operation that runs, not from another operation of the document", () => {
    const document = parse(
      'query A($n: Int = -5) { agencies(first: $n) { totalCount } ...more } query B($n: Int = 5) { agencies(first: $n) { totalCount } x: agencies(first: 500) { totalCount } } fragment more on Query { y: agencies(first: 7) { totalCount } }',
    );
    // Only the running operation's pages, its fragments' included: B's first: 500 is not asked when A runs.
    expect(pageSizesOf(document, {}, 'A')).toEqual([-5, 7]);
    expect(pageSizesOf(document, {}, 'B')).toEqual([5, 500]);
    expect(pageSizesOf(document, { n: 8 }, 'A')).toEqual([8, 7]);
  });

  it('counts what a plain list can hold: every county times every indicator, not one of each', () => {
    const FIELDS = 'countyCode target actual baseline absoluteVariance relativeVariance status reportCount achievement unit';
    const progress = (alias: string) => `${alias}: counties { indicatorProgress(period: { year: 2021 }) { ${FIELDS} indicator { name } } }`;
    // One alias asks for 47 x 95 rows of a dozen values: over the limit, as its answer would be.
    expect(answerSizeOf(schema, parse(`{ ${progress('a')} }`))).toBeGreaterThan(MAX_ANSWER_SIZE);
    const thirty = `{ ${Array.from({ length: 30 }, (_, i) => progress(`a${i}`)).join(' ')} }`;
    expect(answerSizeOf(schema, parse(thirty))).toBeGreaterThan(30 * 47 * 95 * 12);
    // Narrowed to the indicators a dashboard shows, it fits.
    const narrowed = `query($ids: [ID!]) { counties { name indicatorProgress(period: { year: 2021 }, indicatorIds: $ids) { ${FIELDS} } } }`;
    expect(answerSizeOf(schema, parse(narrowed), { ids: ['a', 'b', 'c'] })).toBeLessThan(MAX_ANSWER_SIZE);
  });

  it('has a size for every plain list of objects in the API, and none for a list that is not there', () => {
    const plainLists: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__') || type.name.endsWith('Connection')) continue;
      for (const field of Object.values(type.getFields())) {
        const listed = isNonNullType(field.type) ? field.type.ofType : field.type;
        if (isListType(listed) && isCompositeType(getNamedType(listed))) plainLists.push(`${type.name}.${field.name}`);
      }
    }
    expect(plainLists.length).toBeGreaterThan(20);
    // Lists of scalars sized too are a whole table's columns, and are in the schema as lists.
    const scalarLists = Object.keys(PLAIN_LIST_SIZES).filter((name) => !plainLists.includes(name));
    expect(scalarLists.every((name) => name.startsWith('CaseStatisticsColumns.'))).toBe(true);
    for (const name of scalarLists) {
      const [typeName, fieldName] = name.split('.');
      const type = schema.getType(typeName);
      const field = isObjectType(type) ? type.getFields()[fieldName] : undefined;
      expect({ name, list: !!field && isListType(isNonNullType(field.type) ? field.type.ofType : field.type) }).toEqual({
        name,
        list: true,
      });
    }
    expect(plainLists.sort()).toEqual(
      Object.keys(PLAIN_LIST_SIZES)
        .filter((name) => !scalarLists.includes(name))
        .sort(),
    );
  });

  it('refuses one level, alias or directive over each limit', () => {
    const nest = (depth: number) => `{ ${'a { '.repeat(depth - 1)}b${' }'.repeat(depth - 1)} }`;
    expect(limitErrors(parse(nest(GATEWAY_OPERATION_LIMITS.maxDepth)))).toEqual([]);
    expect(limitErrors(parse(nest(GATEWAY_OPERATION_LIMITS.maxDepth + 1)))).toEqual([expect.stringMatching(/depth limit/)]);
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `c${i}: counties { code }`).join(' ')} }`;
    expect(limitErrors(parse(aliases(GATEWAY_OPERATION_LIMITS.maxAliases)))).toEqual([]);
    expect(limitErrors(parse(aliases(GATEWAY_OPERATION_LIMITS.maxAliases + 1)))).toEqual([expect.stringMatching(/Aliases limit/)]);
    const directives = (n: number) => `{ counties { code ${'@include(if: true) '.repeat(n)} } }`;
    expect(limitErrors(parse(directives(GATEWAY_OPERATION_LIMITS.maxDirectives)))).toEqual([]);
    expect(limitErrors(parse(directives(GATEWAY_OPERATION_LIMITS.maxDirectives + 1)))).toEqual([expect.stringMatching(/Directives limit/)]);
  });

  it('counts `first` given literally, through a variable and as a variable default', () => {
    const document = parse(
      'query($a: Int, $b: Int = 300) { x: agencies(first: 150) { totalCount } y: agencies(first: $a) { totalCount } z: agencies(first: $b) { totalCount } }',
    );
    expect(pageSizesOf(document, { a: 200 }).sort()).toEqual([150, 200, 300]);
    expect(pageSizesOf(document, { a: 200, b: 5 }).sort()).toEqual([150, 200, 5]);
  });
});
