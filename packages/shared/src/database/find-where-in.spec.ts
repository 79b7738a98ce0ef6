import 'reflect-metadata';
import { Column, CreateDateColumn, DataSource, Entity, In, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';
import { findWhere, findWhereIn, SqlConditions } from './find-where-in';

@Entity({ name: 'owner', schema: 'fwi' })
class OwnerEntity {
  @PrimaryColumn({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  name!: string;
}

@Entity({ name: 'thing', schema: 'fwi' })
class ThingEntity {
  @PrimaryColumn({ type: 'uuid', default: () => 'gen_random_uuid()' })
  id!: string;

  @Column({ name: 'owner_code', type: 'text' })
  ownerCode!: string;

  @ManyToOne(() => OwnerEntity)
  @JoinColumn({ name: 'owner_code' })
  owner?: OwnerEntity;

  @Column({ name: 'opened_on', type: 'date' })
  openedOn!: string;

  @Column({ name: 'closed_on', type: 'date', nullable: true })
  closedOn!: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags!: string[];

  @Column({
    name: 'budget_kes',
    type: 'bigint',
    nullable: true,
    transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) },
  })
  budgetKes!: number | null;

  @Column({ type: 'jsonb', nullable: true })
  details!: Record<string, unknown> | null;

  @Column({ type: 'int' })
  position!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

describe('findWhereIn (real PostgreSQL or embedded)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    const setup = new DataSource({ type: 'postgres', url: database.url });
    await setup.initialize();
    await setup.query('CREATE SCHEMA fwi');
    await setup.destroy();
    dataSource = new DataSource({ type: 'postgres', url: database.url, entities: [OwnerEntity, ThingEntity], synchronize: true });
    await dataSource.initialize();
    await dataSource.getRepository(OwnerEntity).save([
      { code: 'A', name: 'Alpha' },
      { code: 'B', name: 'Beta' },
    ]);
    await dataSource.getRepository(ThingEntity).save([
      {
        ownerCode: 'A',
        openedOn: '2026-01-31',
        closedOn: null,
        tags: ['x', 'y'],
        budgetKes: 5_160_500_000,
        details: { a: 1 },
        position: 2,
      },
      { ownerCode: 'A', openedOn: '2025-12-01', closedOn: '2026-02-01', tags: [], budgetKes: null, details: null, position: 1 },
      { ownerCode: 'B', openedOn: '2024-06-15', closedOn: null, tags: ['z'], budgetKes: 7, details: { b: [1, 2] }, position: 3 },
    ]);
  });

  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await database?.drop();
  });

  it('returns what the repository returns: instances, dates as strings, transformed and array columns', async () => {
    const ids = (await dataSource.getRepository(ThingEntity).find()).map((t) => t.id);
    const expected = await dataSource.getRepository(ThingEntity).find({ where: { id: In(ids) }, order: { position: 'ASC' } });
    const found = await findWhereIn(dataSource, ThingEntity, 'id', ids, [['position', 'ASC']]);
    expect(found).toEqual(expected);
    expect(found[0]).toBeInstanceOf(ThingEntity);
    expect(found.map((t) => [t.openedOn, t.budgetKes])).toEqual([
      ['2025-12-01', null],
      ['2026-01-31', 5_160_500_000],
      ['2024-06-15', 7],
    ]);
    expect(found[0].owner).toBeUndefined();
  });

  it('matches on any column, honours the order, and asks nothing for no keys', async () => {
    const byOwner = await findWhereIn(dataSource, ThingEntity, 'ownerCode', ['A'], [['position', 'DESC']]);
    expect(byOwner.map((t) => t.position)).toEqual([2, 1]);
    expect(await findWhereIn(dataSource, OwnerEntity, 'code', ['B', 'missing'])).toEqual([
      Object.assign(new OwnerEntity(), { code: 'B', name: 'Beta' }),
    ]);
    expect(await findWhereIn(dataSource, OwnerEntity, 'code', [])).toEqual([]);
  });

  it('reads a page as one branch per value of a column, merged, with the rows, order and limit of the plain query', async () => {
    const extra = Array.from({ length: 30 }, (_, i) => ({
      ownerCode: ['A', 'B'][i % 2],
      openedOn: `2025-0${1 + (i % 9)}-1${i % 10}`,
      closedOn: null,
      tags: [],
      budgetKes: null,
      details: null,
      position: 100 + i,
    }));
    await dataSource.getRepository(ThingEntity).save(extra);
    const order = [
      ['openedOn', 'DESC'],
      ['position', 'DESC'],
    ] as const;
    const conditionsFor = (after?: string) => {
      const conditions = new SqlConditions();
      conditions.where(`owner_code = ANY(${conditions.param(['A', 'B'])})`);
      if (after) conditions.where(`opened_on < ${conditions.param(after)}`);
      return conditions;
    };
    for (const [limit, after] of [
      [7, undefined],
      [40, undefined],
      [5, '2025-05-01'],
    ] as const) {
      const plain = await findWhere(dataSource, ThingEntity, conditionsFor(after), order, limit);
      const branched = await findWhere(dataSource, ThingEntity, conditionsFor(after), order, limit, {
        property: 'ownerCode',
        values: ['A', 'B'],
      });
      expect(plain.length).toBeGreaterThan(0);
      expect(branched).toEqual(plain);
    }
    const withoutConditions = await findWhere(dataSource, ThingEntity, new SqlConditions(), order, 10, {
      property: 'ownerCode',
      values: ['B', 'A'],
    });
    expect(withoutConditions).toEqual(await findWhere(dataSource, ThingEntity, new SqlConditions(), order, 10));
    // A value named twice is read once.
    const twice = await findWhere(dataSource, ThingEntity, conditionsFor(), order, 40, { property: 'ownerCode', values: ['A', 'B', 'A'] });
    expect(twice).toEqual(await findWhere(dataSource, ThingEntity, conditionsFor(), order, 40));
  });

  it('refuses a property that is not a column', async () => {
    await expect(findWhereIn(dataSource, ThingEntity, 'nothing' as never, ['A'])).rejects.toThrow('ThingEntity has no column nothing');
  });
});
