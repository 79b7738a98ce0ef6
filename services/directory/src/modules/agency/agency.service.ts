import {
  checkFilterList,
  checkThroughGateway,
  checkUnavailable,
  unauthenticated,
  badUserInput,
  forbidden,
  writeOnceKeyed,
  type KeyedTable,
  conflict,
  decodeTypedCursor,
  isUniqueViolation,
  notFound,
  pageSize,
  toConnection,
  validateInput,
  type ConnectionShape,
  type PageArgs,
} from '@kinga/shared';
import { Brackets, type EntityManager } from 'typeorm';
import type { DirectoryContext } from '../../directory.context';
import { AgencyEntity } from './agency.entity';
import {
  agencyIdSchema,
  createAgencySchema,
  searchTextSchema,
  updateAgencySchema,
  type AgencyFilter,
  type CreateAgencyInput,
  type DeactivateAgencyInput,
  type ReactivateAgencyInput,
  type UpdateAgencyInput,
} from './agency.input';

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The ILIKE pattern for a name search, or null when there is nothing to search for. Bounded: every row is
 * matched against it, and a pattern as long as a request body is that many comparisons per row.
 */
export function searchPattern(text: string | null | undefined, path: string): string | null {
  if (text === null || text === undefined) return null;
  const valid = validateInput(searchTextSchema, text, path);
  return valid ? `%${escapeLike(valid)}%` : null;
}

export async function listAgencies(
  ctx: DirectoryContext,
  filter: AgencyFilter | null | undefined,
  page: PageArgs,
): Promise<ConnectionShape<AgencyEntity>> {
  const limit = pageSize(page.first);
  const after = decodeTypedCursor(page.after, ['text', 'uuid']);
  checkFilterList(filter?.types, 'filter.types');
  const query = ctx.db.getRepository(AgencyEntity).createQueryBuilder('agency');
  if (filter?.types?.length) query.andWhere('agency.type IN (:...types)', { types: filter.types });
  if (filter?.active !== null && filter?.active !== undefined) query.andWhere('agency.active = :active', { active: filter.active });
  const text = searchPattern(filter?.text, 'filter.text');
  if (text) {
    query.andWhere(new Brackets((q) => q.where('agency.name ILIKE :text', { text }).orWhere('agency.acronym ILIKE :text', { text })));
  }
  const totalCount = await query.getCount();
  if (after) query.andWhere('(agency.name, agency.id) > (:afterName, :afterId)', { afterName: after[0], afterId: after[1] });
  const rows = await query
    .orderBy('agency.name', 'ASC')
    .addOrderBy('agency.id', 'ASC')
    .take(limit + 1)
    .getMany();
  return toConnection(rows, limit, totalCount, (row) => [row.name, row.id]);
}

function acronymTaken(error: unknown): never {
  if (isUniqueViolation(error)) throw badUserInput('input.acronym: another agency already uses this acronym', 'input.acronym');
  throw error;
}

/** The agency, locked for the change the transaction makes to it; NOT_FOUND when no agency has the id. */
async function lockedAgency(manager: EntityManager, id: string): Promise<AgencyEntity> {
  const agency = await manager.getRepository(AgencyEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!agency) throw notFound('No agency has this id');
  return agency;
}

const KEYED_AGENCIES: KeyedTable = {
  table: 'directory.agency',
  byColumn: 'created_by',
  reusedKeyMessage: 'This idempotency key was already used to create a different agency; use a new key for a new agency',
};

/** A retry with the key of a create already made answers with that agency, whatever has happened to it since. */
export async function createAgency(ctx: DirectoryContext, input: CreateAgencyInput, rawKey?: string | null): Promise<AgencyEntity> {
  const by = ctx.caller?.sub;
  if (!by) throw forbidden('Sign in to do this');
  return writeOnceKeyed(
    ctx.db,
    KEYED_AGENCIES,
    by,
    rawKey,
    input,
    (id) => ctx.db.getRepository(AgencyEntity).findOneByOrFail({ id }),
    (key, digest) => {
      const valid = validateInput(createAgencySchema, input);
      return ctx.db.transaction(async (manager) => {
        const agency = await manager.getRepository(AgencyEntity).save(
          manager.create(AgencyEntity, {
            ...valid,
            acronym: valid.acronym ?? null,
            createdBy: by,
            idempotencyKey: key,
            requestDigest: digest,
          }),
        );
        await ctx.auditWrite(manager, 'Agency', agency.id, ['name', 'acronym', 'type']);
        return agency;
      });
    },
  ).catch(acronymTaken);
}

const REFRESH_REFERRALS = `mutation RefreshReferralAgencyType($input: RefreshReferralAgencyTypeInput!) {
  refreshReferralAgencyType(input: $input) { referralsUpdated }
}`;

/**
 * The type is saved whatever happens after: the administrator is told so (`outcome: SAVED`, as an audit outage
 * after a write says it), and that the same update again finishes the job, whatever stopped it.
 */
const notCarried = (unavailableService: string) =>
  checkUnavailable(
    unavailableService,
    `The agency's new type is saved, but the open referrals it is party to still carry its old one: the ${unavailableService} service could not update them just now. Send the same updateAgency again shortly: it leaves the agency as it is and updates them`,
    { outcome: 'SAVED' },
  );

const serviceNamedBy = (error: unknown): string | null => {
  const extensions = (error as { extensions?: { unavailableService?: unknown; serviceName?: unknown } } | null)?.extensions;
  const named = extensions?.unavailableService ?? extensions?.serviceName;
  return typeof named === 'string' ? named : null;
};

/**
 * The referrals service copies an agency's type onto each referral it sends or receives (its rules read it on
 * every read). A corrected type is carried to the open ones, through the gateway with the administrator's own
 * token, once it is committed here (the referrals service reads it from here). Asked whenever an update names a
 * type, changed or not, so sending the same update again finishes what an outage interrupted.
 */
async function carryTypeToReferrals(ctx: DirectoryContext, agencyId: string): Promise<void> {
  try {
    await checkThroughGateway<{ refreshReferralAgencyType: { referralsUpdated: number } | null }>(ctx, {
      query: REFRESH_REFERRALS,
      variables: { input: { agencyId } },
      checking: 'the referrals this agency is party to',
      onFieldError(error) {
        if (error.extensions?.code === 'UNAUTHENTICATED') throw error;
        throw notCarried(serviceNamedBy(error) ?? 'referrals');
      },
      onData: (data) => data,
    });
  } catch (error) {
    if ((error as { extensions?: { code?: unknown } }).extensions?.code === 'UNAUTHENTICATED')
      throw unauthenticated(
        "Your sign-in ran out: the agency's new type is saved, but the open referrals it is party to still carry its old one. Sign in again and send the same updateAgency to update them",
        undefined,
        { outcome: 'SAVED' },
      );
    if ((error as { extensions?: { outcome?: unknown } }).extensions?.outcome === 'SAVED') throw error;
    ctx.logger.error({ requestId: ctx.requestId, cause: (error as Error).message }, "an agency's type was not carried to its referrals");
    throw notCarried(serviceNamedBy(error) ?? 'referrals');
  }
}

export async function updateAgency(ctx: DirectoryContext, input: UpdateAgencyInput): Promise<AgencyEntity> {
  const valid = validateInput(updateAgencySchema, input);
  const saved = await ctx.db
    .transaction(async (manager) => {
      const repository = manager.getRepository(AgencyEntity);
      const agency = await lockedAgency(manager, valid.id);
      const changed: string[] = [];
      if (valid.name) {
        agency.name = valid.name;
        changed.push('name');
      }
      if (valid.acronym !== undefined) {
        agency.acronym = valid.acronym;
        changed.push('acronym');
      }
      if (valid.type) {
        agency.type = valid.type;
        changed.push('type');
      }
      const saved = await repository.save(agency);
      await ctx.auditWrite(manager, 'Agency', agency.id, changed);
      return saved;
    })
    .catch(acronymTaken);
  if (valid.type) await carryTypeToReferrals(ctx, saved.id);
  return saved;
}

/**
 * An agency deactivated by mistake (or reopened) is active again under its own id, which consents and tokens
 * name; a new entry would not be. Its service points stay as they are: each is reactivated on its own, since
 * each may have closed for a reason of its own.
 */
export async function reactivateAgency(ctx: DirectoryContext, input: ReactivateAgencyInput): Promise<AgencyEntity> {
  const { id } = validateInput(agencyIdSchema, input);
  return ctx.db.transaction(async (manager) => {
    const agency = await lockedAgency(manager, id);
    if (agency.active) throw conflict('This agency is active', { active: true });
    agency.active = true;
    const saved = await manager.getRepository(AgencyEntity).save(agency);
    await ctx.auditWrite(manager, 'Agency', id, ['active']);
    return saved;
  });
}

/** An agency that stops working stops receiving referrals at all of its service points, in one transaction. */
export async function deactivateAgency(ctx: DirectoryContext, input: DeactivateAgencyInput): Promise<AgencyEntity> {
  const { id } = validateInput(agencyIdSchema, input);
  return ctx.db.transaction(async (manager) => {
    const agency = await lockedAgency(manager, id);
    // Its providers were all stopped with it, and none is reactivated while it is closed: nothing to do or record.
    if (!agency.active) throw conflict('This agency is deactivated', { active: false });
    agency.active = false;
    await manager.getRepository(AgencyEntity).save(agency);
    // An UPDATE's result is [rows, count].
    const [stopped]: [Array<{ id: string }>, number] = await manager.query(
      `UPDATE directory.service_provider SET active = false, accepting_referrals = false, updated_at = now() WHERE agency_id = $1 AND (active OR accepting_referrals) RETURNING id`,
      [id],
    );
    // Each provider it stopped is on its own trail too, in one row naming them all, in the request's one insert.
    await ctx.auditWrites(manager, [
      { recordType: 'Agency', recordIds: id, fieldNames: ['active'] },
      ...(stopped.length > 0
        ? [
            {
              recordType: 'ServiceProvider' as const,
              recordIds: stopped.map((provider) => provider.id),
              fieldNames: ['active', 'acceptingReferrals'],
            },
          ]
        : []),
    ]);
    return agency;
  });
}
