import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { MaxTokensParserWLexer } from '@escape.tech/graphql-armor-max-tokens';
import type { RequestHandler } from 'express';
import {
  getNamedType,
  GraphQLError,
  isCompositeType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  valueFromASTUntyped,
  visit,
  type ASTNode,
  type DocumentNode,
  type FieldNode,
  type GraphQLCompositeType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationRule,
  type ValueNode,
} from 'graphql';
import { MAX_CASES_OF_A_DATA_SUBJECT } from '../domain/data-subject';
import { DEFAULT_PAGE_SIZE } from '../graphql/connection';
import { fragmentsOf } from '../graphql/document';
import { graphqlParamsOf, sendError } from './http';

/** Limits on one operation, enforced with graphql-armor (a maintained library, not hand-written rules). */
export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  maxCost: number;
  /** The largest page any connection serves (DESIGN.md: `first` at most 100). */
  maxPageSize: number;
}

/** The armor's plugins and validation rules; Apollo refuses a violation with 400 before planning a query. */
export function operationLimitProtection(limits: OperationLimits): {
  plugins: ApolloServerPlugin<BaseContext>[];
  validationRules: ValidationRule[];
} {
  const armor = new ApolloArmor({
    // Field suggestions would let a caller without introspection map the schema by typos.
    blockFieldSuggestion: { enabled: true, mask: '' },
    // Introspection (the standard query nests `ofType` eight levels deep) is exempt: it is off in
    // production, and development tools need it whole.
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true },
    maxAliases: { n: limits.maxAliases },
    maxDirectives: { n: limits.maxDirectives },
    // Counted by `tokenLimitMiddleware` instead: the armor's Apollo plugin throws from a hook, which Apollo
    // answers with 500, and it turns every plain syntax error into a 500 too.
    maxTokens: { enabled: false },
    costLimit: { maxCost: limits.maxCost, ignoreIntrospection: true },
  });
  const { plugins, validationRules } = armor.protect();
  return { plugins: plugins as ApolloServerPlugin<BaseContext>[], validationRules: validationRules as ValidationRule[] };
}

/**
 * The armor's token-counting parser, run on the request body before Apollo sees it: Apollo answers an
 * error thrown from a parsing hook (where the armor's own Apollo plugin throws) with 500, and a document
 * over the limit must be a 400 that costs no real parse. A document that is merely malformed is left to
 * Apollo, which answers GRAPHQL_PARSE_FAILED.
 */
export function tokenLimitMiddleware(maxTokens: number): RequestHandler {
  // Clients and the gateway send the same few documents again and again: one that parsed within the limit is
  // remembered (bounded, short documents only) instead of parsed again on every request.
  const accepted = new Set<string>();
  return (req, res, next) => {
    const { query } = graphqlParamsOf(req);
    if (typeof query !== 'string' || accepted.has(query)) return next();
    let refusal: GraphQLError | undefined;
    let parsed = false;
    try {
      new MaxTokensParserWLexer(query, {
        n: maxTokens,
        onReject: [(_ctx: unknown, error: GraphQLError) => (refusal = error)],
        propagateOnRejection: true,
      }).parseDocument();
      parsed = true;
    } catch {
      // Over the limit (recorded in `refusal`) or a syntax error, which Apollo's own parse reports.
    }
    if (!refusal) {
      if (parsed && query.length <= REMEMBERED_DOCUMENT_CHARS) {
        if (accepted.size >= REMEMBERED_DOCUMENTS) accepted.delete(accepted.values().next().value as string);
        accepted.add(query);
      }
      return next();
    }
    sendError(res, 400, 'GRAPHQL_VALIDATION_FAILED', refusal.message);
  };
}

/** At most 1,000 documents of at most 8,000 characters: 8 MB at worst. */
export const REMEMBERED_DOCUMENTS = 1_000;
export const REMEMBERED_DOCUMENT_CHARS = 8_000;

function pageOutOfRange(value: number, max: number): GraphQLError {
  return new GraphQLError(`\`first\` is ${value}: it must be between 1 and ${max}; ask for the next page with \`after\``, {
    extensions: { code: 'BAD_USER_INPUT', field: 'first', http: { status: 400 } },
  });
}

/**
 * What a check needs from a document, computed once per document: Apollo Server hands every request with
 * the same query the same parsed document, and walking it again on each request was 2% of the gateway's CPU.
 */
function perDocument<T>(read: (document: DocumentNode) => T): (document: DocumentNode) => T {
  const cache = new WeakMap<DocumentNode, T>();
  return (document) => {
    let value = cache.get(document);
    if (value === undefined) cache.set(document, (value = read(document)));
    return value;
  };
}

/** A page size written in the document, or the variable that carries it. */
type PageSize = { literal: number } | { variable: string };

/** What one operation pages by: its `first`s, its own fragments' included, and its variables' defaults. */
interface OperationPages {
  sizes: PageSize[];
  defaults: Map<string, number>;
}

const NO_PAGES: OperationPages = { sizes: [], defaults: new Map() };

/**
 * Each operation's pages, by operation name ('' for an anonymous one): variables are an operation's own, and a
 * `first` in another operation of the document is not asked when this one runs.
 */
const pageSizeArguments = perDocument((document): Map<string, OperationPages> => {
  const fragments = fragmentsOf(document);
  const pages = new Map<string, OperationPages>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const sizes: PageSize[] = [];
    const spread = new Set<string>();
    const collect = (node: ASTNode) =>
      visit(node, {
        Argument(argument) {
          if (argument.name.value !== 'first') return;
          if (argument.value.kind === Kind.INT) sizes.push({ literal: Number(argument.value.value) });
          else if (argument.value.kind === Kind.VARIABLE) sizes.push({ variable: argument.value.name.value });
        },
        FragmentSpread(node) {
          const fragment = fragments.get(node.name.value);
          if (!fragment || spread.has(node.name.value)) return;
          spread.add(node.name.value);
          collect(fragment);
        },
      });
    collect(definition);
    const defaults = new Map<string, number>();
    for (const variable of definition.variableDefinitions ?? []) {
      if (variable.defaultValue?.kind === Kind.INT) defaults.set(variable.variable.name.value, Number(variable.defaultValue.value));
    }
    pages.set(definition.name?.value ?? '', { sizes, defaults });
  }
  return pages;
});

/** The pages of the operation that runs: the named one, or the document's only one. */
function pagesOf(document: DocumentNode, operationName: string | null | undefined): OperationPages {
  const pages = pageSizeArguments(document);
  if (operationName) return pages.get(operationName) ?? NO_PAGES;
  return pages.size === 1 ? [...pages.values()][0] : NO_PAGES;
}

/**
 * Every `first` the running operation passes, as a literal or through a variable, a variable left out counting
 * as its default. Another operation's default for a variable of the same name does not count:
 * `query A($n: Int = -2000000000) { … } query B($n: Int = 5) { … }` run as A pages by A's.
 */
export function pageSizesOf(document: DocumentNode, variables: Record<string, unknown> = {}, operationName?: string | null): number[] {
  const { sizes: found, defaults } = pagesOf(document, operationName);
  const sizes: number[] = [];
  for (const size of found) {
    if ('literal' in size) sizes.push(size.literal);
    else if (!(size.variable in variables)) {
      const fallback = defaults.get(size.variable);
      if (fallback !== undefined) sizes.push(fallback);
    } else if (typeof variables[size.variable] === 'number') sizes.push(variables[size.variable] as number);
  }
  return sizes;
}

/**
 * Refuses a page larger than the subgraphs serve at the gateway, with 400, so that an oversized page never
 * costs a subgraph a round trip. The subgraphs still check it themselves.
 */
export function pageSizeLimitPlugin(maxPageSize: number): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          // Below 1 too: a negative page would take values off the answer-size estimate (answerSizeOf), and let
          // a query beside it that the estimate should refuse reach the subgraphs.
          for (const size of pageSizesOf(document, request.variables ?? {}, request.operationName)) {
            if (size < 1 || size > maxPageSize) throw pageOutOfRange(size, maxPageSize);
          }
        },
      };
    },
  };
}

/**
 * How many objects a plain (unpaged) list can hold: a number, or one read from the field's arguments (or, with
 * `of: 'enclosing'`, from those of the nearest field around it that is given one of them: a statistics table's
 * cells, or its columns, from the table's `groupBy` and `filter`).
 */
export type PlainListSize =
  number | { readonly arguments: readonly string[]; readonly of?: 'enclosing'; size(argument: (name: string) => unknown): number };

const lengthOr = (value: unknown, otherwise: number): number => (Array.isArray(value) ? value.length : otherwise);
const INDICATORS_IN_A_PLAN = 100;
const COUNTIES = 47;

/** A statistics table: how many values each dimension takes, and which dimension each filter field narrows. */
interface StatisticsTable {
  values: Readonly<Record<string, number>>;
  /** A list of values (`counties`), which bounds its dimension by its length, or a range (`fromMonth`). */
  filters: Readonly<Record<string, { dimension: string; list: boolean }>>;
  /**
   * Dimensions the service may add for the caller whatever is asked: a county supervisor's table is cut to the
   * token's counties, by county. The estimate does not know the caller, so it counts them for everyone.
   */
  alwaysBy?: readonly string[];
}

// Ten years of months and quarters; each enum's values.
const CASE_STATISTICS: StatisticsTable = {
  values: { COUNTY: COUNTIES, CATEGORY: 12, QUARTER: 40, SEX: 4, AGE_BAND: 4 },
  alwaysBy: ['COUNTY'],
  filters: {
    counties: { dimension: 'COUNTY', list: true },
    categories: { dimension: 'CATEGORY', list: true },
    sexes: { dimension: 'SEX', list: true },
    ageBands: { dimension: 'AGE_BAND', list: true },
    fromQuarter: { dimension: 'QUARTER', list: false },
    toQuarter: { dimension: 'QUARTER', list: false },
  },
};
const REFERRAL_STATISTICS: StatisticsTable = {
  values: { COUNTY: COUNTIES, SERVICE: 13, URGENCY: 3, STATUS: 8, MONTH: 120 },
  filters: {
    counties: { dimension: 'COUNTY', list: true },
    services: { dimension: 'SERVICE', list: true },
    urgencies: { dimension: 'URGENCY', list: true },
    statuses: { dimension: 'STATUS', list: true },
    fromMonth: { dimension: 'MONTH', list: false },
    toMonth: { dimension: 'MONTH', list: false },
  },
};

/** How many values each statistics dimension is counted as taking, by table: a test holds the enums' to the schema's. */
export const STATISTICS_DIMENSION_VALUES = { case: CASE_STATISTICS.values, referral: REFERRAL_STATISTICS.values } as const;

/**
 * A statistics table's cells: one per combination of the values of its grouping, at most `max`. A filter adds
 * each dimension it names to the grouping (the services cut the table by it): a list of values (`counties:
 * ["047"]`) by its length, a range (`fromMonth`) by the dimension's every value. A grouping named twice is one
 * dimension, as the services read it; a filter field not known counts the table as the largest.
 */
const cellsOf = (table: StatisticsTable, max: number): PlainListSize => ({
  arguments: ['groupBy', 'filter'],
  of: 'enclosing',
  size: (argument) => {
    const groupBy = argument('groupBy');
    if (!Array.isArray(groupBy)) return max;
    const perDimension = new Map<string, number>();
    for (const dimension of [...(table.alwaysBy ?? []), ...new Set(groupBy.map(String))])
      perDimension.set(dimension, table.values[dimension] ?? max);
    const filter = argument('filter');
    if (filter !== null && filter !== undefined) {
      if (typeof filter !== 'object' || Array.isArray(filter)) return max;
      for (const [name, value] of Object.entries(filter)) {
        if (value === null || value === undefined) continue;
        const narrows = table.filters[name];
        if (!narrows) return max;
        // At least one: `County.caseStatistics` replaces an empty `counties` with its own county.
        const values = narrows.list && Array.isArray(value) ? Math.max(1, value.length) : (table.values[narrows.dimension] ?? max);
        perDimension.set(narrows.dimension, Math.min(perDimension.get(narrows.dimension) ?? values, values));
      }
    }
    return Math.min(
      max,
      [...perDimension.values()].reduce((cells, values) => cells * values, 1),
    );
  },
});

/**
 * The most objects each plain list of objects in the API can hold, by `Type.field`: what the data allows (47
 * counties; the NPA matrix's 6 focus areas, at most 10 objectives each, 8 activities and 10 indicators to an
 * objective), or for a record's own lists what a record usually holds at most (a case's consents: 1.6 on
 * average in the scale data; a referral's steps: 6 from sent to closed). Only the record's owners can grow
 * those, so an estimate does not open the limit to a stranger, and a page of 100 cases with their consents
 * and referrals still fits. A list
 * not named here counts as `DEFAULT_PLAIN_LIST_SIZE`; a test holds every list of the supergraph to this table.
 * Without sizes, `counties { indicatorProgress { ... } }` counted as 13 values and answered 54,000.
 */
export const PLAIN_LIST_SIZES: Readonly<Record<string, PlainListSize>> = {
  'Query.counties': COUNTIES,
  'Query.programmePlans': 5,
  'Query.focusAreas': 10,
  'Query.variance': {
    arguments: ['indicatorIds', 'countyCodes', 'national'],
    size: (argument) =>
      lengthOr(argument('indicatorIds'), INDICATORS_IN_A_PLAN) *
      (lengthOr(argument('countyCodes'), COUNTIES) + (argument('national') === true ? 1 : 0)),
  },
  'County.indicatorProgress': { arguments: ['indicatorIds'], size: (argument) => lengthOr(argument('indicatorIds'), INDICATORS_IN_A_PLAN) },
  'ProgrammePlan.focusAreas': 10,
  'ProgrammePlan.agencies': 60,
  'ProgrammeFocusArea.objectives': 10,
  'ProgrammeObjective.activities': 10,
  'ProgrammeObjective.indicators': 10,
  'ProgrammeObjective.leadAgencies': 5,
  'Agency.objectivesLed': 40,
  'FocusAreaVariance.objectives': 10,
  'ObjectiveVariance.indicators': 10,
  'OpeningHours.weekly': 21,
  'Case.consents': 5,
  'Child.caregivers': 5,
  'Referral.history': 8,
  'ProgressReport.versions': 5,
  // Refused past it where it is read (the cases subgraph's dataSubjectCases).
  'Query.dataSubjectCases': MAX_CASES_OF_A_DATA_SUBJECT,
  // A statistics table is as large as its grouping makes it (county x category x quarter: 16,000 cells), counted
  // as at most 1,000 here: it is computed once per process and kept, so one table is served whole, while many
  // copies of one are not. A small grouping (urgency: 3 cells) counts as what it holds, every column asked.
  'CaseStatistics.cells': cellsOf(CASE_STATISTICS, 1_000),
  'ReferralStatistics.cells': cellsOf(REFERRAL_STATISTICS, 1_000),
  // The same cells as lists of scalars: each list one value per cell.
  ...Object.fromEntries(
    ['countyCodes', 'categories', 'quarters', 'sexes', 'ageBands', 'counts', 'suppressed'].map((column) => [
      `CaseStatisticsColumns.${column}`,
      cellsOf(CASE_STATISTICS, 1_000),
    ]),
  ),
};
export const DEFAULT_PLAIN_LIST_SIZE = 10;

const LIST_SIZE_ARGUMENTS = new Set(Object.values(PLAIN_LIST_SIZES).flatMap((size) => (typeof size === 'number' ? [] : size.arguments)));

/** The variables passed to arguments that a plain list's size reads (`indicatorIds: $ids`). */
const listSizeVariables = perDocument((document): string[] => {
  const found = new Set<string>();
  visit(document, {
    Argument(node) {
      // Inside the value too: `filter: { counties: $counties }`.
      if (!LIST_SIZE_ARGUMENTS.has(node.name.value)) return;
      visit(node.value, {
        Variable(variable) {
          found.add(variable.name.value);
        },
      });
    },
  });
  return [...found];
});

/**
 * The most values an answer can hold: each field counts once per object it is asked of, a connection
 * multiplies what is under it by its page size (`first` as written, from a variable, from the variable's
 * default, or the page a connection serves when it is left out), and a plain list of objects by its size in
 * `PLAIN_LIST_SIZES`. graphql-armor's cost rule multiplies only a `first` written as a number, so without this
 * a page size passed as a variable, or a list of every county, would go uncounted.
 */
export function answerSizeOf(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> = {},
  operationName?: string | null,
  listSizes: Readonly<Record<string, PlainListSize>> = PLAIN_LIST_SIZES,
): number {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operations.find((o) => (operationName ? o.name?.value === operationName : true));
  const root = operation && schema.getRootType(operation.operation);
  if (!operation || !root) return 0;
  // The page-size check's reading of the same document: the running operation's own defaults.
  const { defaults } = pagesOf(document, operation.name?.value);
  const fragments = fragmentsOf(document);
  // Never fewer than no objects: a negative page, which the page check refuses, must not subtract from the rest.
  const pageOf = (value: ValueNode | undefined): number => {
    if (value?.kind === Kind.INT) return Math.max(0, Number(value.value));
    if (value?.kind === Kind.VARIABLE) {
      const name = value.name.value;
      const given = name in variables ? variables[name] : defaults.get(name);
      if (typeof given === 'number') return Math.max(0, given);
    }
    return DEFAULT_PAGE_SIZE;
  };
  // An argument's value as the subgraph will get it: a variable left out takes its default, which the planner
  // writes into the fetch it sends.
  const withDefaults: Record<string, unknown> = { ...variables };
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (!(name in withDefaults) && definition.defaultValue) withDefaults[name] = valueFromASTUntyped(definition.defaultValue);
  }
  const valueOf = (value: ValueNode | undefined): unknown => (value ? valueFromASTUntyped(value, withDefaults) : undefined);
  const plainListSize = (parent: GraphQLCompositeType, field: FieldNode, holders: readonly FieldNode[]): number => {
    const size = listSizes[`${parent.name}.${field.name.value}`] ?? DEFAULT_PLAIN_LIST_SIZE;
    if (typeof size === 'number') return size;
    const read =
      size.of === 'enclosing'
        ? [...holders].reverse().find((holder) => holder.arguments?.some((a) => size.arguments.includes(a.name.value)))
        : field;
    return size.size((name) => valueOf(read?.arguments?.find((a) => a.name.value === name)?.value));
  };
  const isList = (type: GraphQLOutputType) => isListType(isNonNullType(type) ? type.ofType : type);
  const sizeOf = (
    selectionSet: SelectionSetNode,
    parent: GraphQLCompositeType,
    times: number,
    holders: readonly FieldNode[] = [],
  ): number => {
    let size = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        size += times;
        const field = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[selection.name.value] : undefined;
        const type = field && getNamedType(field.type);
        // A list of scalars with a size (a table's column) is that many values.
        if (!selection.selectionSet && field && isList(field.type) && `${parent.name}.${selection.name.value}` in listSizes) {
          size += times * (plainListSize(parent, selection, holders) - 1);
          continue;
        }
        if (!selection.selectionSet || !field || !type || !isCompositeType(type)) continue;
        // A connection's `edges` are its page, already counted where the connection is asked for.
        const objects = type.name.endsWith('Connection')
          ? pageOf(selection.arguments?.find((a) => a.name.value === 'first')?.value)
          : isList(field.type) && !parent.name.endsWith('Connection')
            ? plainListSize(parent, selection, holders)
            : 1;
        size += sizeOf(selection.selectionSet, type, times * objects, [...holders, selection]);
      } else {
        const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? fragments.get(selection.name.value) : selection;
        if (!fragment) continue;
        const condition = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : parent;
        if (condition && isCompositeType(condition)) size += sizeOf(fragment.selectionSet, condition, times, holders);
      }
    }
    return size;
  };
  return sizeOf(operation.selectionSet, root, 1);
}

/** Answer sizes already computed for a document, keyed by operation name and page-size variables; bounded. */
const answerSizes = perDocument((): Map<string, number> => new Map());
const REMEMBERED_SIZES_PER_DOCUMENT = 32;

/** An enum value's name, as a grouping's dimensions are written: short, so that it may be part of a key. */
const ENUM_NAME = /^[A-Z][A-Z0-9_]{0,39}$/;
/** An input field's name, as a filter's are written. */
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;

/**
 * All a plain list's size reads of a variable, and nothing more (a caller's long string must not become a key):
 * whether it was left out (its default then) or null; a list's length, with the names it lists where they are an
 * enum's (a grouping's dimensions, named twice or not); `true`; of an object (a filter), which fields it gives and
 * their lists' lengths. Anything else reads as a value whose size is the largest, whatever it is.
 */
function sizeKeyOf(variables: Record<string, unknown>, variable: string): string {
  if (!(variable in variables)) return 'absent';
  const value = variables[variable];
  if (value === null || value === undefined) return 'null';
  if (value === true) return 'true';
  if (Array.isArray(value)) {
    const distinct = new Set(value);
    const names = distinct.size <= 16 && value.every((item) => typeof item === 'string' && ENUM_NAME.test(item));
    return names ? `${[...(distinct as Set<string>)].sort().join(',')}#${value.length}` : String(value.length);
  }
  if (typeof value === 'object') {
    const given = Object.entries(value).filter(([, field]) => field !== null && field !== undefined);
    if (given.length > 10 || given.some(([name]) => !FIELD_NAME.test(name))) return 'other';
    return `{${given
      .map(([name, field]) => `${name}:${Array.isArray(field) ? field.length : 'given'}`)
      .sort()
      .join(',')}}`;
  }
  return 'other';
}

/**
 * `answerSizeOf`, walked once per document, operation, page sizes and list sizes: the same query arrives again
 * and again with the same pages, and only the variables that carry a `first`, or that a plain list's size reads
 * (`sizeKeyOf`), can change its size.
 */
function rememberedAnswerSizeOf(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown>,
  operationName?: string | null,
): number {
  let key = operationName ?? '';
  for (const size of pagesOf(document, operationName).sizes) {
    if (!('variable' in size)) continue;
    // What `answerSizeOf` tells apart, and nothing more (a caller's long string must not become a key): a
    // number is that page, a variable left out takes its default, anything else is the connection's default.
    const value = variables[size.variable];
    key += `\u0000${typeof value === 'number' ? value : size.variable in variables ? 'other' : 'absent'}`;
  }
  for (const variable of listSizeVariables(document)) key += `\u0001${sizeKeyOf(variables, variable)}`;
  const sizes = answerSizes(document);
  let size = sizes.get(key);
  if (size === undefined) {
    size = answerSizeOf(schema, document, variables, operationName);
    if (sizes.size >= REMEMBERED_SIZES_PER_DOCUMENT) sizes.clear();
    sizes.set(key, size);
  }
  return size;
}

/**
 * Refuses, with 400 before any subgraph is asked, an operation whose answer could hold more than `max`
 * values (`answerSizeOf`): pages multiply, so a few nested pages of 100 are millions of values.
 */
export function answerSizeLimitPlugin(max: number): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, schema }) {
          const size = rememberedAnswerSizeOf(schema, document, request.variables ?? {}, request.operationName);
          if (size > max) {
            throw new GraphQLError(
              `This operation could answer with ${size} values, more than the ${max} one request may; ask for smaller pages (\`first\`) and fetch the rest with \`after\`, or narrow a list by its arguments (such as \`indicatorIds\` or \`countyCodes\`)`,
              { extensions: { code: 'BAD_USER_INPUT', field: 'first', http: { status: 400 } } },
            );
          }
        },
      };
    },
  };
}

/**
 * A subgraph's own limits: looser than the gateway's, because the gateway's query plans add levels
 * (`_entities` and inline fragments) and aliases to what the client wrote, yet still a wall against a
 * caller who reaches a subgraph some other way.
 */
export const SUBGRAPH_OPERATION_LIMITS: OperationLimits = {
  maxDepth: 20,
  maxAliases: 100,
  maxDirectives: 50,
  maxTokens: 10_000,
  maxCost: 50_000,
  maxPageSize: 100,
};

/**
 * The most values the gateway lets one answer hold (`answerSizeLimitPlugin`). The largest documented operation,
 * a page of 100 providers with their agencies and counties, holds about 1,700; a page of 100 cases with 100
 * notes each would hold 30,000, and every county's progress on every indicator with a dozen fields 57,000.
 */
export const MAX_ANSWER_SIZE = 10_000;

/**
 * The most entity representations one `_entities` call may resolve. The gateway sends one per object of the
 * answer that another subgraph completes (duplicates included: 20 cases with 20 referrals each ask the
 * directory for 400 providers), and each yields at least one value of the answer, which the gateway bounds by
 * `MAX_ANSWER_SIZE`: so no call for an operation the gateway accepted is refused, and a caller who reaches a
 * subgraph some other way is still held to a bound.
 */
export const MAX_ENTITY_REPRESENTATIONS = MAX_ANSWER_SIZE;

/** Per `_entities` field: how many representations it lists, or the variable that carries them. */
const representationArguments = perDocument((document): Array<number | string> => {
  const found: Array<number | string> = [];
  visit(document, {
    Field(node) {
      if (node.name.value !== '_entities') return;
      const argument = node.arguments?.find((a) => a.name.value === 'representations');
      if (!argument) return;
      if (argument.value.kind === Kind.LIST) found.push(argument.value.values.length);
      else if (argument.value.kind === Kind.VARIABLE) found.push(argument.value.name.value);
    },
  });
  return found;
});

/** How many representations the operation's `_entities` fields ask for, literal or through a variable. */
export function entityRepresentationCounts(document: DocumentNode, variables: Record<string, unknown> = {}): number[] {
  return representationArguments(document).map((argument) => {
    if (typeof argument === 'number') return argument;
    const given = variables[argument];
    return Array.isArray(given) ? given.length : 1;
  });
}

/**
 * Refuses an `_entities` call with more than `max` representations before any reference resolver runs:
 * one call must not make a subgraph load (and audit) an unbounded number of records.
 */
export function entityRepresentationLimitPlugin(max: number): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          for (const count of entityRepresentationCounts(document, request.variables ?? {})) {
            if (count > max) {
              throw new GraphQLError(`\`_entities\` takes at most ${max} representations per call; this one has ${count}`, {
                extensions: { code: 'BAD_USER_INPUT', field: 'representations', http: { status: 400 } },
              });
            }
          }
        },
      };
    },
  };
}

/** The longest list a variable may carry at any depth, e.g. `filter.services` (a page of ids at most). */
export const MAX_LIST_ITEMS = 100;

/** Path and length of the first list in `value` longer than `max`, if any. */
export function oversizedList(value: unknown, max: number, path = 'variables', depth = 0): { path: string; length: number } | undefined {
  if (depth > 32 || value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    if (value.length > max) return { path, length: value.length };
    for (let i = 0; i < value.length; i += 1) {
      const found = oversizedList(value[i], max, `${path}.${i}`, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  for (const [key, item] of Object.entries(value)) {
    const found = oversizedList(item, max, `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return undefined;
}

const longestWrittenList = perDocument((document): number => {
  let longest = 0;
  visit(document, {
    ListValue(node) {
      longest = Math.max(longest, node.values.length);
    },
  });
  return longest;
});

/**
 * Refuses a list longer than `max`, written in the operation or carried by a variable: a list of 10,000
 * filter values is work for a subgraph and no use to anyone.
 */
export function listSizeLimitPlugin(max: number = MAX_LIST_ITEMS): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const longest = longestWrittenList(document);
          if (longest > max) {
            throw new GraphQLError(`lists are limited to ${max} items; this one has ${longest}`, {
              extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
            });
          }
          const found = oversizedList(request.variables ?? {}, max);
          if (!found) return;
          const field = found.path.replace(/^variables\./, '');
          throw new GraphQLError(`${field}: lists are limited to ${max} items; this one has ${found.length}`, {
            extensions: { code: 'BAD_USER_INPUT', field, http: { status: 400 } },
          });
        },
      };
    },
  };
}

/**
 * Refuses, as the caller's mistake, what would otherwise reach the gateway's executor and fail there as an
 * internal error: an `operationName` that the document does not define, several operations without one,
 * and subscriptions (Kinga serves none).
 */
export function runnableOperationPlugin(): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          if (!operation) {
            const message = request.operationName
              ? `The document defines no operation named "${request.operationName.slice(0, 64)}"`
              : 'The document defines several operations: name the one to run in `operationName`';
            throw new GraphQLError(message, { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } });
          }
          if (operation.operation === 'subscription') {
            throw new GraphQLError('Kinga serves no subscriptions; poll with a query instead', {
              extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
