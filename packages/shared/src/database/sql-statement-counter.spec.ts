import { Writable } from 'node:stream';
import { QueryFailedError } from 'typeorm';
import { createLogger } from '../logging/logger';
import { SqlStatementCounter } from './sql-statement-counter';

it('logs a failed statement by its SQLSTATE and constraint, never by the message that quotes the refused value', () => {
  const lines: string[] = [];
  const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
  const counter = new SqlStatementCounter(createLogger('test', 'info', sink));
  const refused = Object.assign(new Error('invalid input syntax for type uuid: "Zuhura Wanjiru"'), {
    code: '22P02',
    detail: 'Key (first_name)=(Zuhura) already exists.',
  });
  counter.logQueryError(new QueryFailedError('SELECT 1 WHERE id = $1', ['Zuhura Wanjiru'], refused), 'SELECT 1 WHERE id = $1', [
    'Zuhura Wanjiru',
  ]);
  counter.logQueryError(
    Object.assign(new Error('duplicate key value violates unique constraint "x"'), { code: '23505', constraint: 'x' }),
    'INSERT',
  );
  const [first, second] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(lines.join('')).not.toContain('Zuhura');
  expect(first).toMatchObject({ msg: 'SQL statement failed', sqlState: '22P02', sql: 'SELECT 1 WHERE id = $1' });
  expect(second).toMatchObject({ sqlState: '23505', constraint: 'x' });
});
