import { isPublic, rulesFromTierTable, Tier } from '@kinga/shared';
import { caseFacts } from '../case/case-scope';
import type { CaseNoteView } from './case-note.type';

/** Notes are reached only through `Case.notes` (NARRATIVE); who wrote one and when is staff data. */
export const CASE_NOTE_FIELD_TIERS = {
  id: Tier.OPERATIONAL,
  authorName: Tier.OPERATIONAL,
  authorSub: Tier.OPERATIONAL,
  createdAt: Tier.OPERATIONAL,
  body: Tier.NARRATIVE,
} as const satisfies Record<string, Tier>;

export const caseNoteTypeRules = {
  CaseNote: rulesFromTierTable(CASE_NOTE_FIELD_TIERS, {
    recordType: 'CaseNote',
    recordId: (n: CaseNoteView) => n.id,
    facts: (n: CaseNoteView, ctx) => caseFacts(n.scope, ctx),
  }),
  CaseNoteConnection: isPublic,
  CaseNoteEdge: isPublic,
};
