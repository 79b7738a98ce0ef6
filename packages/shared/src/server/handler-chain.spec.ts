import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { handlerChain } from './http';

const run = (chain: RequestHandler) =>
  new Promise<unknown>((resolve) => {
    chain({} as Request, {} as Response, ((error?: unknown) => resolve(error ?? 'passed on')) as NextFunction);
  });

describe('handlerChain', () => {
  it('runs the handlers in order and passes on after the last', async () => {
    const seen: number[] = [];
    const step =
      (n: number): RequestHandler =>
      (_req, _res, next) => {
        seen.push(n);
        next();
      };
    expect(await run(handlerChain(step(1), step(2), step(3)))).toBe('passed on');
    expect(seen).toEqual([1, 2, 3]);
  });

  it('stops at a handler that answers, and hands errors, throws and rejections to the error handler', async () => {
    const seen: string[] = [];
    const answers: RequestHandler = () => seen.push('answered');
    const never: RequestHandler = () => seen.push('never');
    let settled = false;
    handlerChain(answers, never)({} as Request, {} as Response, (() => (settled = true)) as NextFunction);
    expect(seen).toEqual(['answered']);
    expect(settled).toBe(false);
    const failure = new Error('refused');
    expect(await run(handlerChain((_req, _res, next) => next(failure), never))).toBe(failure);
    expect(
      await run(
        handlerChain(() => {
          throw failure;
        }, never),
      ),
    ).toBe(failure);
    expect(await run(handlerChain(async () => Promise.reject(failure), never))).toBe(failure);
    // A promise rejected with nothing is still a failure, not a pass.
    expect(await run(handlerChain(async () => Promise.reject(undefined), never))).toEqual(new Error('Rejected promise'));
    expect(seen).toEqual(['answered']);
  });
});
