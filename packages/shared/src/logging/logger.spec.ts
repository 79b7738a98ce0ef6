import { Writable } from 'node:stream';
import { createLogger } from './logger';

it('censors personal data fields wherever they sit in a logged object', () => {
  const lines: string[] = [];
  const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
  const logger = createLogger('test', 'info', sink);
  logger.info(
    { firstName: 'Amani', child: { lastName: 'Wanjiru', dateOfBirth: '2014-01-01' }, input: { caregivers: [{ phone: '0712345678' }] } },
    'x',
  );
  const output = lines.join('');
  for (const secret of ['Amani', 'Wanjiru', '2014-01-01', '0712345678']) expect(output).not.toContain(secret);
  expect(output).toContain('[redacted]');
});
