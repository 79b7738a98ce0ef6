import { registerEnumType } from 'type-graphql';

export enum ProgressReportStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  RETURNED = 'RETURNED',
  APPROVED = 'APPROVED',
}

export enum AchievementStatus {
  ACHIEVED = 'ACHIEVED',
  IN_PROGRESS = 'IN_PROGRESS',
  NOT_STARTED = 'NOT_STARTED',
}

export enum ProgressReportAction {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  SUBMITTED = 'SUBMITTED',
  RETURNED = 'RETURNED',
  APPROVED = 'APPROVED',
  REVISED = 'REVISED',
}

registerEnumType(ProgressReportStatus, {
  name: 'ProgressReportStatus',
  description: 'DRAFT -> SUBMITTED -> APPROVED, or RETURNED (with a comment) and submitted again.',
  valuesConfig: {
    DRAFT: { description: 'Being written by the reporting agency; seen by it and NCCS only.' },
    SUBMITTED: { description: 'Waiting for NCCS to approve or return it.' },
    RETURNED: { description: 'Sent back by NCCS with a comment; the reporting agency corrects and submits it again.' },
    APPROVED: { description: 'Accepted by NCCS: public, counted in variance, never changed (a revision is a new version).' },
  },
});
registerEnumType(AchievementStatus, {
  name: 'AchievementStatus',
  description: 'Progress on a DOCUMENT or QUALITATIVE indicator.',
});
registerEnumType(ProgressReportAction, { name: 'ProgressReportAction', description: "A step in a progress report's history." });
