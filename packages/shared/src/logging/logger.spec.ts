import { Writable } from 'node:stream';
import { Tier } from '../permissions/tiers';
import { censorPersonalData, createLogger, sensitiveFieldsLoggedInClear } from './logger';

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

it('censors headers, tokens and deep values, and leaves objects without personal data as they are', () => {
  const lines: string[] = [];
  const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
  const logger = createLogger('test', 'info', sink);
  logger.info(
    {
      req: { headers: { authorization: 'Bearer abc.def', 'x-kinga-gateway': 'gw-secret' } },
      a: { b: { c: { d: { notes: 'deep note' } } } },
      list: [[{ narrative: 'what happened' }]],
      operationName: 'B2',
    },
    'y',
  );
  const output = lines.join('');
  for (const secret of ['abc.def', 'gw-secret', 'deep note', 'what happened']) expect(output).not.toContain(secret);
  expect(JSON.parse(output).operationName).toBe('B2');

  const plain = { operationName: 'B1', ms: 3, errorCodes: ['FORBIDDEN'] };
  expect(censorPersonalData(plain)).toBe(plain);
  const withChild = { ok: 1, child: { firstName: 'Amani' } };
  expect(censorPersonalData(withChild)).toEqual({ ok: 1, child: { firstName: '[redacted]' } });
  expect(withChild.child.firstName).toBe('Amani');
});

it('names the sensitive fields of a tier table that a log line would show in clear', () => {
  const tiers = { caseNumber: Tier.OPERATIONAL, firstName: Tier.IDENTIFYING, favouriteColour: Tier.IDENTIFYING, name: Tier.IDENTIFYING };
  expect(sensitiveFieldsLoggedInClear(tiers)).toEqual(['favouriteColour', 'name']);
  // Inside a censored parent field, the parent's censoring covers it.
  expect(sensitiveFieldsLoggedInClear({ name: Tier.IDENTIFYING }, 'caregivers')).toEqual([]);
});
