import 'reflect-metadata';
import { execute, parse, type GraphQLSchema } from 'graphql';
import { allow, rule } from 'graphql-shield';
import { Directive, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { hasRole, hasRoleRecordingRead } from '../permissions/rules';
import { Role } from '../auth/roles';
import { buildFederatedSchema } from './build-federated-schema';

@ObjectType()
@Directive('@key(fields: "id")')
class Cell {
  @Field(() => ID)
  id!: string;

  @Field({ nullable: true })
  count?: number;

  @Field({ nullable: true })
  secret?: string;
}

@Resolver(() => Cell)
class CellResolver {
  @Query(() => [Cell])
  cells(): Cell[] {
    return [
      { id: 'a', count: 1, secret: 's1' },
      { id: 'b', count: 2, secret: 's2' },
    ];
  }
}

async function schemaWithRules(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [CellResolver],
    permissions: { Query: { cells: allow }, Cell: { id: allow, count: allow, secret: hasRole(Role.ANALYST) } },
  });
}

/** What a refusal rule needs of the request's audit: it records the refusal and answers with it. */
const audit = { refuse: (_type: string, _ids: unknown, _field: string, refusal: Error) => refusal };

const run = (schema: GraphQLSchema, role?: Role) =>
  execute({
    schema,
    document: parse('{ cells { id count secret } }'),
    contextValue: { caller: role ? { sub: 's', name: 'n', role, counties: [] } : null, audit },
  });

describe('buildFederatedSchema', () => {
  it('resolves allowed fields without a shield wrapper and keeps every other rule', async () => {
    const schema = await schemaWithRules();
    // graphql-shield's middleware leaves its cache on the context: only a field with a real rule runs it
    const publicOnly: Record<string, unknown> = { caller: null };
    const answer = await execute({ schema, document: parse('{ cells { id count } }'), contextValue: publicOnly });
    expect(answer.errors).toBeUndefined();
    expect(publicOnly._shield).toBeUndefined();
    const withSecret: Record<string, unknown> = { caller: null };
    await execute({ schema, document: parse('{ cells { secret } }'), contextValue: withSecret });
    expect(withSecret._shield).toBeDefined();

    const denied = await run(schema, Role.DCS_OFFICER);
    expect(denied.data).toEqual({
      cells: [
        { id: 'a', count: 1, secret: null },
        { id: 'b', count: 2, secret: null },
      ],
    });
    expect(denied.errors?.map((e) => e.extensions.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);

    const allowed = await run(schema, Role.ANALYST);
    expect(allowed.errors).toBeUndefined();
    expect(allowed.data).toEqual({
      cells: [
        { id: 'a', count: 1, secret: 's1' },
        { id: 'b', count: 2, secret: 's2' },
      ],
    });
  });

  it('lets an error a rule throws through as itself, not as a refusal', async () => {
    const outage = new Error('connection terminated unexpectedly');
    const schema = await buildFederatedSchema({
      resolvers: [CellResolver],
      permissions: {
        Query: { cells: allow },
        Cell: {
          id: allow,
          count: allow,
          secret: rule({ cache: 'no_cache' })(() => {
            throw outage;
          }),
        },
      },
    });
    const result = await run(schema, Role.ANALYST);
    expect(result.data).toEqual({
      cells: [
        { id: 'a', count: 1, secret: null },
        { id: 'b', count: 2, secret: null },
      ],
    });
    // The server's masker answers it as INTERNAL_SERVER_ERROR and logs it; it is no FORBIDDEN refusal.
    expect(result.errors?.map((e) => [e.originalError, e.extensions.code])).toEqual([
      [outage, undefined],
      [outage, undefined],
    ]);
  });

  it('denies a field that has no rule', async () => {
    const schema = await buildFederatedSchema({
      resolvers: [CellResolver],
      permissions: { Query: { cells: allow }, Cell: { id: allow } },
    });
    const result = await run(schema, Role.ANALYST);
    expect(result.data).toEqual({
      cells: [
        { id: 'a', count: null, secret: null },
        { id: 'b', count: null, secret: null },
      ],
    });
    expect(result.errors?.length).toBe(4);
  });
});

describe('hasRoleRecordingRead', () => {
  it('records a read of the field for the role, under the record and the one it belongs to; for a caller without it only the refusal', async () => {
    const schema = await buildFederatedSchema({
      resolvers: [CellResolver],
      permissions: {
        Query: { cells: allow },
        Cell: { id: allow, count: allow, secret: hasRoleRecordingRead([Role.ANALYST], (cell: { id: string }) => `owner-of-${cell.id}`) },
      },
    });
    const asked = async (role: Role) => {
      const trail: string[] = [];
      const recording = {
        read: (type: string, id: string, field: string) => trail.push(`READ ${type} ${id} ${field}`),
        refuse: (type: string, _ids: unknown, field: string, refusal: Error) => (trail.push(`DENY ${type} ${field}`), refusal),
      };
      const answer = await execute({
        schema,
        document: parse('{ cells { id secret } }'),
        contextValue: { caller: { sub: 's', name: 'n', role, counties: [] }, audit: recording },
      });
      return { secrets: (answer.data?.cells as Array<{ secret: string | null }>).map((c) => c.secret), trail: trail.sort() };
    };
    expect(await asked(Role.ANALYST)).toEqual({
      secrets: ['s1', 's2'],
      trail: ['READ Cell a secret', 'READ Cell b secret', 'READ Cell owner-of-a secret', 'READ Cell owner-of-b secret'],
    });
    // Refused, and not also recorded as having read it.
    expect(await asked(Role.POLICE_CPU)).toEqual({ secrets: [null, null], trail: ['DENY Cell secret', 'DENY Cell secret'] });
  });
});
