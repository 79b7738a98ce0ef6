import DataLoader from 'dataloader';
import { forgetCachedReads, loaderPerShape } from './request-loaders';

describe('per-request loaders', () => {
  it('hands out one loader per argument shape, and forgets them all on clearAll', () => {
    const perShape = loaderPerShape((first: number, after: string | null) => ({ first, after }));
    expect(perShape(5, null)).toBe(perShape(5, null));
    expect(perShape(5, 'x')).not.toBe(perShape(5, null));
    const before = perShape(5, null);
    perShape.clearAll();
    expect(perShape(5, null)).not.toBe(before);
  });

  it('forgets what every loader read, so a read after a write loads again', async () => {
    let loads = 0;
    const byId = new DataLoader<string, number>(async (ids) => ids.map(() => (loads += 1)));
    const pages = loaderPerShape(() => new DataLoader<string, number>(async (ids) => ids.map(() => (loads += 1))));
    const loaders = { byId, pages, plain: () => 'not a loader' };
    expect([await byId.load('a'), await pages().load('a')]).toEqual([1, 2]);
    expect([await byId.load('a'), await pages().load('a')]).toEqual([1, 2]);
    forgetCachedReads(loaders);
    expect([await byId.load('a'), await pages().load('a')]).toEqual([3, 4]);
  });
});
