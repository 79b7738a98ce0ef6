import { orderByKey, suppress as suppressTable } from './suppression';

/** Cells as the services give them, with a zero cell for a combination the table lacks. */
const suppress = <K extends string>(
  rows: ReadonlyArray<{ key: Record<K, string>; count: number; subjects?: number }>,
  dimensions: readonly K[],
) => suppressTable(rows, dimensions, (key) => ({ key, count: 0 }));

const cell = (county: string, sex: string, count: number) => ({ key: { COUNTY: county, SEX: sex }, count });

describe('suppress', () => {
  it('hides cells below 5 and a complement in each line, so a total minus the rest reveals nothing', () => {
    const result = suppress(
      [cell('047', 'FEMALE', 40), cell('047', 'MALE', 3), cell('001', 'FEMALE', 12), cell('001', 'MALE', 9)],
      ['COUNTY', 'SEX'],
    );
    const hidden = result.filter((c) => c.suppressed).map((c) => `${c.key.COUNTY}/${c.key.SEX}`);
    // 047/MALE is small; 047/FEMALE hides it in its row; 001/MALE hides it in its column, and 001/FEMALE then in its row.
    expect(hidden.sort()).toEqual(['001/FEMALE', '001/MALE', '047/FEMALE', '047/MALE']);
  });

  it('chooses the smallest published cell as the complement', () => {
    const result = suppress([cell('047', 'FEMALE', 40), cell('047', 'MALE', 6), cell('047', 'UNKNOWN', 2)], ['SEX']);
    expect(result.map((c) => c.suppressed)).toEqual([false, true, true]);
  });

  it('hides a cell of many events about few people, and a complement for it', () => {
    // Seven referrals of two children: the cell describes those two.
    const result = suppress(
      [
        { ...cell('047', 'FEMALE', 7), subjects: 2 },
        { ...cell('047', 'MALE', 30), subjects: 25 },
        { ...cell('047', 'OTHER', 9), subjects: 9 },
      ],
      ['SEX'],
    );
    expect(result.map((c) => c.suppressed)).toEqual([true, false, true]);
  });

  it('publishes a table without small cells as it is, and a lone small cell without a complement', () => {
    expect(suppress([cell('047', 'FEMALE', 5), cell('047', 'MALE', 7)], ['COUNTY', 'SEX']).some((c) => c.suppressed)).toBe(false);
    expect(suppress([{ key: {}, count: 4 }], []).map((c) => c.suppressed)).toEqual([true]);
  });
});

describe('suppress, small hidden sums', () => {
  it('adds a complement when two hidden cells add up to less than 5, which would pin them both', () => {
    const result = suppress(
      [
        { key: { SEX: 'FEMALE' }, count: 30 },
        { key: { SEX: 'MALE' }, count: 1 },
        { key: { SEX: 'UNKNOWN' }, count: 1 },
        { key: { SEX: 'INTERSEX' }, count: 7 },
      ],
      ['SEX'],
    );
    expect(result.filter((c) => c.suppressed).map((c) => c.key.SEX)).toEqual(['MALE', 'UNKNOWN', 'INTERSEX']);
  });
});

describe('suppress, on a referral-shaped table', () => {
  const row = (county: string, status: string, count: number) => ({ key: { COUNTY: county, STATUS: status }, count });

  it('hides cells below 5 and one more cell in any line that would otherwise hide only one', () => {
    const cells = suppress(
      [row('047', 'SENT', 3), row('047', 'CLOSED', 20), row('047', 'DECLINED', 9), row('001', 'SENT', 12), row('001', 'CLOSED', 30)],
      ['COUNTY', 'STATUS'],
    );
    const hidden = cells.filter((c) => c.suppressed).map((c) => `${c.key.COUNTY}:${c.key.STATUS}`);
    // Not 047's 9 declined, the only declined cell: the table by status would publish it as DECLINED's total.
    expect(hidden.sort()).toEqual(['001:CLOSED', '001:SENT', '047:CLOSED', '047:SENT']);
    for (const line of ['047', '001']) expect(cells.filter((c) => c.key.COUNTY === line && c.suppressed).length).not.toBe(1);
  });

  it('publishes a table without small cells as it is', () => {
    expect(suppress([row('047', 'SENT', 5), row('047', 'CLOSED', 6)], ['COUNTY', 'STATUS']).every((c) => !c.suppressed)).toBe(true);
  });
});

describe('suppress, across groupings of the same data', () => {
  type Key = { COUNTY: string; SEX: string };
  /** Each grouping suppressed on its own, as each query is: the fine table and its two coarser ones. */
  const publish = (data: Array<[string, string, number]>) => {
    const fine = suppress(
      data.map(([COUNTY, SEX, count]) => ({ key: { COUNTY, SEX }, count })),
      ['COUNTY', 'SEX'],
    );
    const coarse = (dimension: keyof Key) => {
      const totals = new Map<string, number>();
      for (const [COUNTY, SEX, count] of data) {
        const value = dimension === 'COUNTY' ? COUNTY : SEX;
        totals.set(value, (totals.get(value) ?? 0) + count);
      }
      const table = suppress(
        [...totals].map(([value, count]) => ({ key: { [dimension]: value } as Record<keyof Key, string>, count })),
        [dimension],
      );
      return new Map(table.map((cell) => [cell.key[dimension], cell.suppressed ? null : cell.count]));
    };
    return { fine, byCounty: coarse('COUNTY'), bySex: coarse('SEX') };
  };

  /** The hidden cells a reader pins down: a line whose published total, less its published cells, is one hidden cell. */
  const pinned = ({ fine, byCounty, bySex }: ReturnType<typeof publish>): string[] => {
    const found: string[] = [];
    for (const [dimension, totals] of [
      ['COUNTY', byCounty],
      ['SEX', bySex],
    ] as const) {
      for (const [value, total] of totals) {
        // A combination absent from the fine table is a zero a reader knows of.
        const line = fine.filter((cell) => cell.key[dimension] === value);
        const hidden = line.filter((cell) => cell.suppressed);
        if (total !== null && total !== undefined && hidden.length === 1) found.push(`${hidden[0].key.COUNTY}/${hidden[0].key.SEX}`);
      }
    }
    return found;
  };

  it('does not take as a complement a cell alone in its other line, whose coarser total would be that cell', () => {
    // The review's case: Garissa's 2 girls hidden; its 6 intersex children the only intersex cell in the country.
    const data: Array<[string, string, number]> = [
      ['007', 'FEMALE', 2],
      ['007', 'INTERSEX', 6],
      ['007', 'MALE', 40],
      ['047', 'FEMALE', 120],
      ['047', 'MALE', 95],
      ['001', 'FEMALE', 30],
      ['001', 'MALE', 28],
    ];
    const published = publish(data);
    expect(published.fine.find((c) => c.key.COUNTY === '007' && c.key.SEX === 'FEMALE')?.suppressed).toBe(true);
    expect(pinned(published)).toEqual([]);
    // Garissa's own line hides its girls with its boys, not with the lone intersex cell.
    expect(published.fine.filter((c) => c.suppressed).map((c) => `${c.key.COUNTY}/${c.key.SEX}`)).not.toContain('007/INTERSEX');
  });

  it('hides a zero beside a complement left alone in its line, and lists it as suppressed', () => {
    // Every cell Garissa could hide its 2 girls with is alone in its own column.
    const data: Array<[string, string, number]> = [
      ['007', 'FEMALE', 2],
      ['007', 'INTERSEX', 6],
      ['047', 'FEMALE', 120],
      ['047', 'MALE', 95],
      ['001', 'FEMALE', 30],
      ['001', 'MALE', 28],
    ];
    const published = publish(data);
    expect(pinned(published)).toEqual([]);
    const zeros = published.fine.filter((c) => c.count === 0);
    expect(zeros.length).toBeGreaterThan(0);
    for (const zero of zeros) expect(zero.suppressed).toBe(true);
    expect(zeros.map((c) => c.key.SEX)).toContain('INTERSEX');
  });
});

describe('orderByKey', () => {
  it('orders cells dimension by dimension, as localeCompare orders each value', () => {
    const cells = [
      { key: { COUNTY: '047', QUARTER: '2025-Q1' }, n: 1 },
      { key: { COUNTY: '001', QUARTER: '2025-Q2' }, n: 2 },
      { key: { COUNTY: '001', QUARTER: '2024-Q4' }, n: 3 },
      { key: { COUNTY: '010', QUARTER: '2025-Q1' }, n: 4 },
    ];
    expect(orderByKey(cells, ['COUNTY', 'QUARTER'] as const).map((c) => c.n)).toEqual([3, 2, 4, 1]);
    expect(orderByKey(cells, ['QUARTER', 'COUNTY'] as const).map((c) => c.n)).toEqual([3, 4, 1, 2]);
    expect(cells.map((c) => c.n)).toEqual([1, 2, 3, 4]);
  });
});
