import { suppress } from './suppression';

describe('suppress', () => {
  const row = (county: string, status: string, count: number) => ({ key: { COUNTY: county, STATUS: status }, count });

  it('hides cells below 5 and one more cell in any line that would otherwise hide only one', () => {
    const cells = suppress(
      [row('047', 'SENT', 3), row('047', 'CLOSED', 20), row('047', 'DECLINED', 9), row('001', 'SENT', 12), row('001', 'CLOSED', 30)],
      ['COUNTY', 'STATUS'],
    );
    const hidden = cells.filter((c) => c.suppressed).map((c) => `${c.key.COUNTY}:${c.key.STATUS}`);
    expect(hidden).toContain('047:SENT');
    expect(hidden).toContain('047:DECLINED'); // smallest complement in the 047 line
    expect(hidden).toContain('001:SENT'); // complement in the SENT column
    for (const line of ['047', '001']) expect(cells.filter((c) => c.key.COUNTY === line && c.suppressed).length).not.toBe(1);
  });

  it('publishes a table without small cells as it is', () => {
    expect(suppress([row('047', 'SENT', 5), row('047', 'CLOSED', 6)], ['COUNTY', 'STATUS']).every((c) => !c.suppressed)).toBe(true);
  });
});
