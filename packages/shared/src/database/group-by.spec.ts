import { groupBy, groupedLoader } from './group-by';

interface Row {
  parent: string;
  n: number;
}

const rows: Row[] = [
  { parent: 'b', n: 1 },
  { parent: 'a', n: 2 },
  { parent: 'b', n: 3 },
  { parent: 'c', n: 4 },
  { parent: 'a', n: 5 },
  { parent: 'b', n: 6 },
];

describe('groupBy', () => {
  it('keeps the order of the rows within each group, and the groups in order of first appearance', () => {
    const groups = groupBy(rows, (row) => row.parent);
    expect([...groups.keys()]).toEqual(['b', 'a', 'c']);
    expect(groups.get('b')?.map((row) => row.n)).toEqual([1, 3, 6]);
    expect(groups.get('a')?.map((row) => row.n)).toEqual([2, 5]);
    expect(groups.get('c')?.map((row) => row.n)).toEqual([4]);
  });

  it('has no entry for a key no row has, and an empty map for no rows', () => {
    const groups = groupBy(rows, (row) => row.parent);
    expect(groups.has('z')).toBe(false);
    expect(groups.size).toBe(3);
    expect(groupBy([] as Row[], (row) => row.parent).size).toBe(0);
  });

  it('takes any iterable and any key type, calling keyOf once per row', () => {
    const keyOf = jest.fn((n: number) => n % 2 === 0);
    const groups = groupBy(new Set([1, 2, 3, 4, 5]), keyOf);
    expect(groups.get(true)).toEqual([2, 4]);
    expect(groups.get(false)).toEqual([1, 3, 5]);
    expect(keyOf).toHaveBeenCalledTimes(5);
  });
});

describe('groupedLoader', () => {
  it('loads several keys in one batch call, each with its rows in order, and [] for a key without rows', async () => {
    const load = jest.fn(async (keys: string[]) => rows.filter((row) => keys.includes(row.parent)));
    const loader = groupedLoader(load, (row) => row.parent);

    const [a, none, b] = await Promise.all([loader.load('a'), loader.load('none'), loader.load('b')]);

    expect(load).toHaveBeenCalledTimes(1);
    expect(load).toHaveBeenCalledWith(['a', 'none', 'b']);
    expect(a.map((row) => row.n)).toEqual([2, 5]);
    expect(none).toEqual([]);
    expect(b.map((row) => row.n)).toEqual([1, 3, 6]);
  });

  it('gives each key only its own rows when the batch returns rows of other keys too', async () => {
    const loader = groupedLoader(
      async () => rows,
      (row) => row.parent,
    );
    expect((await loader.loadMany(['c', 'a'])).map((group) => (group as Row[]).map((row) => row.n))).toEqual([[4], [2, 5]]);
  });
});
