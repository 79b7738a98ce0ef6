import {
  badUserInput,
  countWhere,
  findWhere,
  kenyanDate,
  conflict,
  SqlConditions,
  decodeTypedCursor,
  forbidden,
  notFound,
  ownsRecord,
  pageSize,
  Role,
  toConnection,
  validateInput,
  worksInCounty,
  type Caller,
  type ConnectionShape,
  type PageArgs,
  writeOnceKeyed,
  requestDigest,
  type KeyedTable,
} from '@kinga/shared';
import { IsNull, type EntityManager } from 'typeorm';
import type { CasesContext } from '../../cases.context';
import { refuseWhileReferralsOpen } from './case.open-referrals';
import { CaregiverEntity, ChildEntity } from '../child/child.entity';
import { estimateAsOfOpening } from '../child/age';
import { CaseNoteEntity } from '../note/case-note.entity';
import { nextCaseNumber } from './case-number';
import { CaseEntity } from './case.entity';
import { CaseStatus, NEXT_STATUSES } from './case.enums';
import {
  addCaseNoteSchema,
  assignCaseSchema,
  caseFilterSchema,
  caseIdSchema,
  caseNumberSchema,
  closeCaseSchema,
  dateOfBirthProblem,
  estimatedAgeProblem,
  openCaseSchema,
  updateCaseSchema,
  type AddCaseNoteInput,
  type AssignCaseInput,
  type CaseFilter,
  type CloseCaseInput,
  type OpenCaseInput,
  type ValidOpenCase,
  type UpdateCaseInput,
} from './case.input';
import type { CaseView } from './case.type';

/** A case as its resolvers see it; on a root field the gateway has not told us of any referral parties. */
export function toCaseView(entity: CaseEntity, referralParties: CaseView['scope']['referralParties'] = []): CaseView & CaseEntity {
  return {
    ...entity,
    scope: { caseId: entity.id, ownerAgencyId: entity.ownerAgencyId, countyCode: entity.countyCode, referralParties },
  };
}

export function callerOf(ctx: CasesContext): Caller {
  if (!ctx.caller) throw forbidden('Sign in to do this');
  return ctx.caller;
}

/**
 * Who may change a case: a supervisor in its county, or an officer of the agency that owns it in its county.
 * Referral parties change their referrals, not the case. Answers why not, or null when the caller may: one answer
 * for every refusal, since one naming the county would tell a caller holding a case's id where the child is.
 */
export function writeRefusal(caller: Caller, record: CaseEntity): string | null {
  const inCounty = worksInCounty(caller, record.countyCode);
  if (inCounty && caller.role === Role.DCS_SUPERVISOR) return null;
  if (inCounty && caller.role === Role.DCS_OFFICER && caller.agencyId === record.ownerAgencyId) return null;
  return "Only the children office that owns this case, in the case's county, or a supervisor of that county, may change it";
}

/** A refused write to a case, recorded in the audit trail against the case, so that its own trail shows it. */
function refusedWrite(ctx: CasesContext, record: CaseEntity, mutation: string, message: string) {
  return ctx.audit.refuse('Case', record.id, mutation, forbidden(message));
}

/** Refuses a write the caller may not make (`writeRefusal`). */
export function assertMayWrite(ctx: CasesContext, caller: Caller, record: CaseEntity, mutation: string): void {
  const refusal = writeRefusal(caller, record);
  if (refusal) throw refusedWrite(ctx, record, mutation, refusal);
}

async function lockCase(manager: EntityManager, id: string): Promise<CaseEntity> {
  const record = await manager.getRepository(CaseEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!record) throw notFound('No case has this id');
  return record;
}

export async function findCase(ctx: CasesContext, id: string): Promise<CaseView | null> {
  const entity = await ctx.loaders.caseById.load(validateInput(caseIdSchema, id, 'id'));
  return entity ? toCaseView(entity) : null;
}

/** The case a row of it (a note, a consent) belongs to, through the request's case loader: there is always one. */
export async function caseOfRow(ctx: CasesContext, row: { caseId: string }): Promise<CaseView> {
  const record = await ctx.loaders.caseById.load(row.caseId);
  if (!record) throw new Error('A row names a case that does not exist');
  return toCaseView(record);
}

export async function findCaseByNumber(ctx: CasesContext, caseNumber: string): Promise<CaseView | null> {
  const valid = validateInput(caseNumberSchema, caseNumber.trim(), 'caseNumber');
  const entity = await ctx.db.getRepository(CaseEntity).findOne({ where: { caseNumber: valid } });
  // Numbers run in sequence per county and year: any other answer for a case the caller does not own (even
  // its bare id) would let a caller count a county's cases, which the statistics suppress. A number no case
  // has is answered alike, down to the audit row (which a timing would otherwise tell apart). Parties reach
  // a case through their referral.
  if (!entity || !ctx.caller || !ownsRecord(ctx.caller, { ownerAgencyId: entity.ownerAgencyId, county: entity.countyCode })) {
    ctx.audit.deny('Case', entity?.id ?? null, 'caseByNumber');
    return null;
  }
  ctx.loaders.caseById.prime(entity.id, entity);
  return toCaseView(entity);
}

/** The id of the case with this number, or null when no case has it or it is not a case number. */
export async function findCaseIdByNumber(ctx: CasesContext, caseNumber: unknown): Promise<string | null> {
  const valid = caseNumberSchema.safeParse(typeof caseNumber === 'string' ? caseNumber.trim() : caseNumber);
  if (!valid.success) return null;
  const entity = await ctx.db.getRepository(CaseEntity).findOne({ select: { id: true }, where: { caseNumber: valid.data } });
  return entity?.id ?? null;
}

/** The count of cases from `cases.case_list_count` (migration 1764300000000), kept exact by a trigger. */
async function countFromSummary(ctx: CasesContext, conditions: SqlConditions): Promise<number> {
  const [row] = (await ctx.db.query(
    `SELECT coalesce(sum(n), 0)::int AS count FROM cases.case_list_count${conditions.sql}`,
    conditions.params,
  )) as Array<{ count: number }>;
  return row.count;
}

/**
 * Officers list their agency's cases in their counties; supervisors every case in their counties
 * (national callers, with no counties, every county). Always a page of at most 100.
 */
export async function listCases(
  ctx: CasesContext,
  filter: CaseFilter | null | undefined,
  page: PageArgs,
): Promise<ConnectionShape<CaseView>> {
  const caller = callerOf(ctx);
  const valid = validateInput(caseFilterSchema, filter ?? {}, 'filter');
  const limit = pageSize(page.first);
  const after = decodeTypedCursor(page.after, ['date', 'uuid']);
  const conditions = new SqlConditions();
  const { param } = conditions;
  if (caller.role === Role.DCS_OFFICER) {
    if (!caller.agencyId) throw forbidden('Your token names no agency, so no case is yours to list');
    conditions.where(`owner_agency_id = ${param(caller.agencyId)}`);
  }
  if (valid.county) {
    if (!worksInCounty(caller, valid.county)) throw forbidden('filter.county: you do not work in this county');
    // One of the caller's counties (checked): also naming all of them misled the planner's estimates.
    conditions.where(`county_code = ${param(valid.county)}`);
  } else if (caller.counties.length > 0) conditions.where(`county_code = ANY(${param([...caller.counties])})`);
  if (valid.status?.length) conditions.where(`status = ANY(${param(valid.status)})`);
  // Up to here every condition is on the owning agency, county and status, which the summary counts; any
  // condition added after this one sends the count to the cases themselves.
  const summaryConditions = conditions.size;
  if (valid.riskLevel?.length) conditions.where(`risk_level = ANY(${param(valid.riskLevel)})`);
  if (valid.categories?.length) conditions.where(`categories && ${param(valid.categories)}::text[]`);
  if (valid.openedFrom) conditions.where(`opened_on >= ${param(valid.openedFrom)}`);
  if (valid.openedTo) conditions.where(`opened_on <= ${param(valid.openedTo)}`);
  if (valid.assignedToMe) conditions.where(`assigned_officer_sub = ${param(caller.sub)}`);
  if (valid.assignedOfficerSub) conditions.where(`assigned_officer_sub = ${param(valid.assignedOfficerSub)}`);
  if (valid.unassigned === true) conditions.where('assigned_officer_sub IS NULL');
  if (valid.unassigned === false) conditions.where('assigned_officer_sub IS NOT NULL');
  const totalCount =
    conditions.size === summaryConditions ? await countFromSummary(ctx, conditions) : await countWhere(ctx.db, CaseEntity, conditions);
  if (after) conditions.where(`(opened_on, id) < (${param(after[0])}, ${param(after[1])})`);
  const rows = await findWhere(
    ctx.db,
    CaseEntity,
    conditions,
    [
      ['openedOn', 'DESC'],
      ['id', 'DESC'],
    ],
    limit + 1,
    valid.status?.length ? { property: 'status', values: valid.status } : undefined,
  );
  for (const row of rows) {
    // The list provides the referral parties as none (PROVIDES_PARTIES_ON_LIST), which is only right for
    // cases decided by ownership; the filters above guarantee it, and this fails closed if they ever stop.
    if (!ownsRecord(caller, { ownerAgencyId: row.ownerAgencyId, county: row.countyCode }))
      throw new Error('listCases found a case the caller neither owns nor supervises');
    ctx.loaders.caseById.prime(row.id, row);
  }
  return toConnection(
    rows,
    limit,
    totalCount,
    (row) => [row.openedOn, row.id],
    (row) => toCaseView(row),
  );
}

function caregiverRows(childId: string, caregivers: ReadonlyArray<{ name: string; relationship: string; phone?: string | null }>) {
  return caregivers.map((c, position) => ({
    childId,
    position,
    name: c.name,
    relationship: c.relationship.toUpperCase(),
    phone: c.phone ?? null,
  }));
}

/**
 * The child's caregivers become `caregivers`. Someone in both lists as they were (name, relationship, phone)
 * stays current, in the new order; everyone else is replaced, not deleted: who looked after the child, and how
 * they were reached, stays on the record (`formerCaregivers`) and on the audit trail. Adding a grandmother does
 * not make the mother a former caregiver.
 */
async function replaceCaregivers(
  manager: EntityManager,
  childId: string,
  caregivers: ReadonlyArray<{ name: string; relationship: string; phone?: string | null }>,
  now: Date,
): Promise<void> {
  const current = await manager.getRepository(CaregiverEntity).find({ where: { childId, removedAt: IsNull() } });
  const kept = new Map<CaregiverEntity, number>();
  const added = caregiverRows(childId, caregivers).filter((row) => {
    const same = current.find((c) => !kept.has(c) && c.name === row.name && c.relationship === row.relationship && c.phone === row.phone);
    if (same) kept.set(same, row.position);
    return !same;
  });
  const replaced = current.filter((c) => !kept.has(c)).map((c) => c.id);
  if (replaced.length > 0) await manager.query(`UPDATE cases.caregiver SET removed_at = $2 WHERE id = ANY($1::uuid[])`, [replaced, now]);
  const moved = [...kept].filter(([row, position]) => row.position !== position);
  if (moved.length > 0) {
    // Out of the way first: a current position is unique, and two caregivers may swap.
    const ids = moved.map(([row]) => row.id);
    await manager.query(`UPDATE cases.caregiver SET position = -1 - position WHERE id = ANY($1::uuid[])`, [ids]);
    await manager.query(
      `UPDATE cases.caregiver c SET position = m.position FROM unnest($1::uuid[], $2::smallint[]) AS m(id, position) WHERE c.id = m.id`,
      [ids, moved.map(([, position]) => position)],
    );
  }
  if (added.length > 0) await manager.getRepository(CaregiverEntity).insert(added);
}

/** The child, its caregivers, the case and its number, in one transaction with its audit row. */
/**
 * The case an earlier openCase with this key opened, if any. The same key for a different request is the
 * client's bug, said plainly; a retry is answered with the first case (its number, not a second one).
 */
const KEYED_CASES: KeyedTable = {
  table: 'cases."case"',
  byColumn: 'opened_by',
  reusedKeyMessage: 'This idempotency key was already used to open a different case; use a new key for a new case',
};

export async function openCase(ctx: CasesContext, input: OpenCaseInput, rawKey?: string | null): Promise<CaseView> {
  const caller = callerOf(ctx);
  // A retry is looked up before it is checked again: a retry at 00:01 of a case opened at 23:59 must not be
  // judged against the new day (an age limit).
  return writeOnceKeyed(
    ctx.db,
    KEYED_CASES,
    caller.sub,
    rawKey,
    input,
    async (id) => toCaseView(await ctx.db.getRepository(CaseEntity).findOneByOrFail({ id })),
    (key, digest) => {
      const valid = validateInput(openCaseSchema, input);
      if (!worksInCounty(caller, valid.countyCode)) throw forbidden('input.countyCode: you may open cases only in your counties');
      if (!caller.agencyId || !caller.providerId) throw forbidden('Your token names no agency and service point to own the case');
      return insertCase(ctx, caller, valid, input, key, digest);
    },
  );
}

async function insertCase(
  ctx: CasesContext,
  caller: Caller,
  valid: ValidOpenCase,
  input: OpenCaseInput,
  key: string | null,
  digest: string | null,
): Promise<CaseView> {
  const today = kenyanDate(ctx.now);
  const openedOn = valid.openedOn ?? today;
  const { caregivers, ...child } = valid.child;
  // Again by the request's clock, which the stored case and age follow: the input was checked by the wall clock's,
  // which may have passed midnight since the request began (a case dated tomorrow, a child born after its case).
  if (openedOn > today) throw badUserInput('input.openedOn: must not be in the future', 'input.openedOn');
  const birthProblem = child.dateOfBirth ? dateOfBirthProblem(child.dateOfBirth, openedOn) : null;
  if (birthProblem) throw badUserInput(`input.child.dateOfBirth: ${birthProblem}`, 'input.child.dateOfBirth');
  const ageProblem =
    child.dateOfBirth || child.estimatedAgeYears === null || child.estimatedAgeYears === undefined
      ? null
      : estimatedAgeProblem(child.estimatedAgeYears, openedOn, today);
  if (ageProblem) throw badUserInput(`input.child.estimatedAgeYears: ${ageProblem}`, 'input.child.estimatedAgeYears');
  const saved = await ctx.db.transaction(async (manager) => {
    const childRow = await manager.getRepository(ChildEntity).save(
      manager.create(ChildEntity, {
        ...child,
        middleName: child.middleName ?? null,
        dateOfBirth: child.dateOfBirth ?? null,
        // Estimated today, when the officer sees the child, even for a case opened earlier: kept as of the opening.
        estimatedAgeYears:
          child.dateOfBirth || child.estimatedAgeYears === null || child.estimatedAgeYears === undefined
            ? null
            : estimateAsOfOpening(child.estimatedAgeYears, openedOn, today),
        ageEstimatedOn: child.dateOfBirth ? null : openedOn,
        subCounty: child.subCounty ?? null,
        location: child.location ?? null,
        school: child.school ?? null,
        birthCertificateNumber: child.birthCertificateNumber ?? null,
        disability: child.disability ?? null,
      }),
    );
    if (caregivers?.length) await manager.getRepository(CaregiverEntity).insert(caregiverRows(childRow.id, caregivers));
    const caseNumber = await nextCaseNumber(manager, valid.countyCode, Number(openedOn.slice(0, 4)));
    const record = await manager.getRepository(CaseEntity).save(
      manager.create(CaseEntity, {
        caseNumber,
        childId: childRow.id,
        categories: [...new Set(valid.categories)],
        status: CaseStatus.OPEN,
        riskLevel: valid.riskLevel,
        ownerAgencyId: caller.agencyId,
        ownerProviderId: caller.providerId,
        assignedOfficerSub: caller.role === Role.DCS_OFFICER ? caller.sub : null,
        assignedOfficerName: caller.role === Role.DCS_OFFICER ? caller.name : null,
        countyCode: valid.countyCode,
        openedOn,
        closedOn: null,
        closeReason: null,
        incidentNarrative: valid.incidentNarrative ?? null,
        perpetratorDetails: valid.perpetratorDetails ?? null,
        clinicalNotes: valid.clinicalNotes ?? null,
        openedBy: caller.sub,
        idempotencyKey: key,
        requestDigest: digest,
      }),
    );
    const written = Object.keys(input).filter(
      (key) => input[key as keyof OpenCaseInput] !== null && input[key as keyof OpenCaseInput] !== undefined,
    );
    await ctx.auditWrite(manager, 'Case', record.id, ['caseNumber', 'status', ...written]);
    return record;
  });
  return toCaseView(saved);
}

export async function updateCase(ctx: CasesContext, input: UpdateCaseInput): Promise<CaseView> {
  const caller = callerOf(ctx);
  const valid = validateInput(updateCaseSchema, input);
  // Caregivers replace the whole list: from a copy read before a colleague's change, they would drop what it added.
  if (valid.child?.caregivers != null && valid.expectedVersion == null)
    throw badUserInput(
      "input.expectedVersion: caregivers replace the case's whole list, so give the version you read them at (Case.version): a caregiver added since is then not removed unseen",
      'input.expectedVersion',
    );
  const digest = requestDigest(valid);
  const saved = await ctx.db.transaction(async (manager) => {
    const record = await lockCase(manager, valid.id);
    assertMayWrite(ctx, caller, record, 'updateCase');
    if (record.status === CaseStatus.CLOSED) throw conflict('This case is closed; a supervisor closed it and it can no longer be changed');
    // Checked under the row lock: an edit from a copy read before someone else's change would replace it unseen.
    if (valid.expectedVersion != null && valid.expectedVersion !== record.version) {
      // Unless it is this caller's own change, landed, sent again after its answer was lost: answered with the case.
      if (valid.expectedVersion === record.version - 1 && record.lastUpdateBy === caller.sub && record.lastUpdateDigest === digest)
        return record;
      throw conflict(
        `This case was changed since you read it (version ${valid.expectedVersion}, now ${record.version}); read it again and make your change on the current one`,
        { currentVersion: record.version },
      );
    }
    const changed: string[] = [];
    if (valid.status) {
      if (valid.status !== record.status) {
        if (valid.status === CaseStatus.CLOSED)
          throw badUserInput('input.status: close a case with closeCase, giving a reason', 'input.status');
        if (!NEXT_STATUSES[record.status].includes(valid.status)) {
          throw badUserInput(`input.status: a case that is ${record.status} cannot become ${valid.status}`, 'input.status');
        }
        record.status = valid.status;
      }
      // The status the case already has (a retry after a lost answer, a colleague's same move) is named as a
      // risk level given again is: the case is where the caller asked, not an input without a change.
      changed.push('status');
    }
    if (valid.categories) {
      record.categories = [...new Set(valid.categories)];
      changed.push('categories');
    }
    if (valid.riskLevel) {
      record.riskLevel = valid.riskLevel;
      changed.push('riskLevel');
    }
    for (const key of ['incidentNarrative', 'perpetratorDetails', 'clinicalNotes'] as const) {
      if (valid[key] !== undefined) {
        record[key] = valid[key] ?? null;
        changed.push(key);
      }
    }
    let childToSave: ChildEntity | null = null;
    let caregiversToSave: Parameters<typeof replaceCaregivers>[2] | null | undefined = null;
    if (valid.child) {
      const { caregivers, ...childChanges } = valid.child;
      const child = await manager.getRepository(ChildEntity).findOneOrFail({ where: { id: record.childId } });
      const hadDateOfBirth = child.dateOfBirth !== null;
      const hadEstimatedAge = child.estimatedAgeYears !== null;
      const mandatory = ['firstName', 'sex', 'countyCode'] as const;
      for (const [key, value] of Object.entries(childChanges) as Array<[keyof typeof childChanges, unknown]>) {
        if (value === undefined) continue;
        if (value === null && (mandatory as readonly string[]).includes(key)) {
          throw badUserInput(`input.child.${key}: must not be empty`, `input.child.${key}`);
        }
        (child as unknown as Record<string, unknown>)[key] = value;
        changed.push(`child.${key}`);
      }
      if (childChanges.dateOfBirth) {
        const problem = dateOfBirthProblem(childChanges.dateOfBirth, record.openedOn);
        if (problem) throw badUserInput(`input.child.dateOfBirth: ${problem}`, 'input.child.dateOfBirth');
        child.estimatedAgeYears = null;
        child.ageEstimatedOn = null;
        // A date of birth replaces an estimate: the estimate's removal is a change of its own on the trail.
        if (hadEstimatedAge) changed.push('child.estimatedAgeYears');
      } else if (childChanges.estimatedAgeYears !== undefined && childChanges.estimatedAgeYears !== null) {
        const problem = estimatedAgeProblem(childChanges.estimatedAgeYears, record.openedOn, kenyanDate(ctx.now));
        if (problem) throw badUserInput(`input.child.estimatedAgeYears: ${problem}`, 'input.child.estimatedAgeYears');
        child.estimatedAgeYears = estimateAsOfOpening(childChanges.estimatedAgeYears, record.openedOn, kenyanDate(ctx.now));
        child.ageEstimatedOn = record.openedOn;
        child.dateOfBirth = null;
        // An estimate replaces a date of birth (an IDENTIFYING field): whoever removed it must be findable.
        if (hadDateOfBirth) changed.push('child.dateOfBirth');
      }
      if (!child.dateOfBirth && child.estimatedAgeYears === null) {
        throw badUserInput('input.child.dateOfBirth: give the date of birth or an estimated age in years', 'input.child.dateOfBirth');
      }
      childToSave = child;
      caregiversToSave = caregivers;
      if (caregivers) changed.push('child.caregivers');
    }
    if (changed.length === 0) throw badUserInput('input: name at least one field to change', 'input');
    record.lastUpdateBy = caller.sub;
    record.lastUpdateDigest = digest;
    const versionRead = record.version;
    // The case row before the child's: its triggers lock the case counts and then the statistics cells, the
    // child's the cells only. Every writer taking them in that order (as openCase and closeCase do) keeps an
    // update that changes the status and the child's age band together from deadlocking with a case being
    // opened in the same agency and county.
    const result = await manager.getRepository(CaseEntity).save(record);
    if (childToSave) {
      await manager.getRepository(ChildEntity).save(childToSave);
      if (caregiversToSave) await replaceCaregivers(manager, childToSave.id, caregiversToSave, ctx.now);
    }
    if (result.version === versionRead) {
      // Only the child's rows changed (or nothing of the case row did), so the save sent no UPDATE: the version
      // is raised by hand, since a caregiver edit from a stale copy must be refused like any other.
      const [[raised]]: [Array<{ version: number; updatedAt: Date }>, number] = await manager.query(
        `UPDATE cases."case" SET version = version + 1, updated_at = now() WHERE id = $1 RETURNING version, updated_at AS "updatedAt"`,
        [record.id],
      );
      Object.assign(result, raised);
    }
    await ctx.auditWrite(manager, 'Case', record.id, [...new Set(changed)]);
    return result;
  });
  return toCaseView(saved);
}

const KEYED_NOTES: KeyedTable = {
  table: 'cases.case_note',
  byColumn: 'author_sub',
  reusedKeyMessage: 'This idempotency key was already used for a different note; use a new key for a new note',
};

/** A retry with the key of a note already written answers with that note, whatever has happened to its case since. */
export async function addCaseNote(
  ctx: CasesContext,
  input: AddCaseNoteInput,
  rawKey?: string | null,
): Promise<{ record: CaseView; note: CaseNoteEntity }> {
  const caller = callerOf(ctx);
  return writeOnceKeyed(
    ctx.db,
    KEYED_NOTES,
    caller.sub,
    rawKey,
    input,
    async (id) => {
      const note = await ctx.db.getRepository(CaseNoteEntity).findOneByOrFail({ id });
      return { record: await caseOfRow(ctx, note), note };
    },
    (key, digest) => {
      const valid = validateInput(addCaseNoteSchema, input);
      return ctx.db.transaction(async (manager) => {
        const record = await lockCase(manager, valid.caseId);
        assertMayWrite(ctx, caller, record, 'addCaseNote');
        // As for every other change: a closed case's record is final (a reopened one would be a new case).
        if (record.status === CaseStatus.CLOSED) throw conflict('This case is closed; no note can be added to it');
        const note = await manager.getRepository(CaseNoteEntity).save(
          manager.create(CaseNoteEntity, {
            caseId: record.id,
            authorSub: caller.sub,
            authorName: caller.name,
            body: valid.body,
            idempotencyKey: key,
            requestDigest: digest,
          }),
        );
        // The note is on the trail under its own id too, so a write can be told from another note's.
        await ctx.auditWrites(manager, [
          { recordType: 'Case', recordIds: record.id, fieldNames: ['notes'] },
          { recordType: 'CaseNote', recordIds: note.id, fieldNames: ['body'] },
        ]);
        return { record: toCaseView(record), note };
      });
    },
  );
}

export async function assignCase(ctx: CasesContext, input: AssignCaseInput): Promise<CaseView> {
  const caller = callerOf(ctx);
  const valid = validateInput(assignCaseSchema, input);
  const saved = await ctx.db.transaction(async (manager) => {
    const record = await lockCase(manager, valid.caseId);
    assertMayWrite(ctx, caller, record, 'assignCase');
    if (caller.role === Role.DCS_OFFICER && valid.officerSub !== caller.sub) {
      throw refusedWrite(ctx, record, 'assignCase', 'An officer may take a case; only a supervisor assigns it to someone else');
    }
    if (record.status === CaseStatus.CLOSED) throw conflict('This case is closed and cannot be assigned');
    // Two officers on call taking the same case: the second is told who has it, not silently given it.
    if (caller.role === Role.DCS_OFFICER && record.assignedOfficerSub && record.assignedOfficerSub !== caller.sub)
      throw conflict(`${record.assignedOfficerName ?? 'Another officer'} has this case; a supervisor reassigns it if it should be yours`);
    record.assignedOfficerSub = valid.officerSub;
    // Whoever takes the case is named as their token names them: the name police and clinics call by is not
    // one they type.
    record.assignedOfficerName = valid.officerSub === caller.sub ? caller.name : valid.officerName;
    const result = await manager.getRepository(CaseEntity).save(record);
    await ctx.auditWrite(manager, 'Case', record.id, ['assignedOfficerSub', 'assignedOfficerName']);
    return result;
  });
  return toCaseView(saved);
}

export async function closeCase(ctx: CasesContext, input: CloseCaseInput): Promise<CaseView> {
  const caller = callerOf(ctx);
  const valid = validateInput(closeCaseSchema, input);
  /** The closing day, or null when the case is already closed as asked (a retry after a lost answer). */
  const checkMayClose = (record: CaseEntity): string | null => {
    if (caller.role !== Role.DCS_SUPERVISOR) throw refusedWrite(ctx, record, 'closeCase', 'Only a county supervisor closes a case');
    assertMayWrite(ctx, caller, record, 'closeCase');
    if (record.status === CaseStatus.CLOSED) {
      if (record.closeReason === valid.reason && (valid.closedOn == null || valid.closedOn === record.closedOn)) return null;
      throw conflict(`This case is already closed (on ${record.closedOn}, for another reason); read it again`, {
        currentStatus: CaseStatus.CLOSED,
      });
    }
    const closedOn = valid.closedOn ?? kenyanDate(ctx.now);
    if (closedOn < record.openedOn) throw badUserInput('input.closedOn: must not be before the case was opened', 'input.closedOn');
    return closedOn;
  };
  // What the case itself decides is checked before the gateway is asked about its referrals, so a refusal costs
  // no round trip; the gateway is asked before the case is locked, so no lock waits on another service. Under
  // the lock the checks run again, on the case as it is then.
  const current = await ctx.db.getRepository(CaseEntity).findOne({ where: { id: valid.caseId } });
  if (!current) throw notFound('No case has this id');
  if (checkMayClose(current) === null) return toCaseView(current);
  await refuseWhileReferralsOpen(ctx, valid.caseId);
  const saved = await ctx.db.transaction(async (manager) => {
    const record = await lockCase(manager, valid.caseId);
    const closedOn = checkMayClose(record);
    // Closed as asked by someone else's identical request in the meantime.
    if (closedOn === null) return record;
    record.status = CaseStatus.CLOSED;
    record.closedOn = closedOn;
    record.closeReason = valid.reason;
    const result = await manager.getRepository(CaseEntity).save(record);
    await ctx.auditWrite(manager, 'Case', record.id, ['status', 'closedOn', 'closeReason']);
    return result;
  });
  return toCaseView(saved);
}

export { lockCase };
