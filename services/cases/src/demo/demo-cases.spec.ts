import { demoId } from '@kinga/shared';
import { buildDemoCases, DEMO_CASES } from './demo-cases';

describe('demo cases', () => {
  it('are the same on every run, with ids other subgraphs can derive from the case number', () => {
    expect(buildDemoCases()).toEqual(buildDemoCases());
    const cases = DEMO_CASES();
    expect(cases.length).toBeGreaterThanOrEqual(300);
    for (const c of cases) expect(c.id).toBe(demoId('case', c.caseNumber));
    const nairobi2025 = cases.filter((c) => c.caseNumber.startsWith('KE-047-2025-')).map((c) => c.caseNumber);
    expect(nairobi2025.slice(0, 3)).toEqual(['KE-047-2025-000001', 'KE-047-2025-000002', 'KE-047-2025-000003']);
    expect(nairobi2025).toHaveLength(60);
  });

  it('have obviously fictional names and phones', () => {
    const data = buildDemoCases();
    for (const child of data.children) expect(`${child.middleName} ${child.lastName}`).toMatch(/^Demo .+-Test$/);
    for (const caregiver of data.caregivers) if (caregiver.phone) expect(caregiver.phone).toMatch(/^\+254700\d{6}$/);
  });

  it('include live, expired and revoked consents', () => {
    const consents = buildDemoCases().consents;
    expect(consents.some((c) => c.revokedAt)).toBe(true);
    expect(consents.some((c) => c.expiresAt && !c.revokedAt && (c.expiresAt as Date) < new Date())).toBe(true);
    expect(consents.some((c) => c.basis === 'MANDATORY_REPORTING')).toBe(true);
  });
});
