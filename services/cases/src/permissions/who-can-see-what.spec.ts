import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { README_END, README_START, renderWhoCanSeeWhat, withSection } from './who-can-see-what';

const ROOT = join(__dirname, '..', '..', '..', '..');
const README = join(ROOT, 'README.md');
const DOC = join(ROOT, 'docs', 'who-can-see-what.md');

/** Set UPDATE_WHO_CAN_SEE_WHAT=1 to rewrite the section after changing a tier table or TIERS_BY_ROLE. */
const update = process.env.UPDATE_WHO_CAN_SEE_WHAT === '1';

/**
 * The repository formats markdown with prettier (`npm run lint`), so the comparison is made in that form.
 * Prettier runs in a child process: its ESM plugins cannot load inside jest's module sandbox.
 */
async function formatted(path: string, markdown: string): Promise<string> {
  const prettier = require.resolve('prettier/bin/prettier.cjs');
  return execFileSync(process.execPath, [prettier, '--stdin-filepath', path], { input: markdown, encoding: 'utf8', cwd: ROOT });
}

describe('README "Who can see what"', () => {
  it('is exactly what the rule tables render (README.md between its markers, or docs/who-can-see-what.md)', async () => {
    const expected = await formatted(DOC, renderWhoCanSeeWhat());
    const readme = readFileSync(README, 'utf8');
    if (readme.includes(README_START)) {
      if (update) writeFileSync(README, withSection(readme, expected));
      const current = readFileSync(README, 'utf8');
      // Only the section between the markers is ours; the rest of the README is compared by nobody here.
      expect(current.slice(current.indexOf(README_START) + README_START.length, current.indexOf(README_END)).trim()).toBe(expected.trim());
    } else {
      if (update) writeFileSync(DOC, expected);
      expect(readFileSync(DOC, 'utf8')).toBe(expected);
    }
    if (existsSync(DOC)) expect(readFileSync(DOC, 'utf8')).toBe(expected);
  });

  it("answers who can see a child's date of birth in one row", () => {
    const line = renderWhoCanSeeWhat()
      .split('\n')
      .find((l) => l.startsWith('| `Child.dateOfBirth`'));
    expect(line).toBe('| `Child.dateOfBirth` | IDENTIFYING | ✓ | ✓ | ✓ | ✓ | ✓ | · | · | · | · | · |');
  });

  it('notices a stale section', () => {
    const readme = `intro\n${README_START}\nstale\n${README_END}\nrest\n`;
    expect(withSection(readme, renderWhoCanSeeWhat())).not.toBe(readme);
  });
});
