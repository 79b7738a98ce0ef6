import {
  checkFilterList,
  badUserInput,
  forbidden,
  writeOnceKeyed,
  type KeyedTable,
  countyCodeSchema,
  conflict,
  countWhere,
  decodeTypedCursor,
  findWhere,
  notFound,
  pageSize,
  recordIdsInArguments,
  SqlConditions,
  toConnection,
  validateInput,
  type ConnectionShape,
  type PageArgs,
} from '@kinga/shared';
import type { EntityManager } from 'typeorm';
import type { DirectoryContext } from '../../directory.context';
import { AgencyEntity } from '../agency/agency.entity';
import { searchPattern } from '../agency/agency.service';
import { kenyanWallClock, toOpeningHoursRows } from './opening-hours';
import { OpeningHoursEntity, ServiceProviderEntity } from './service-provider.entity';
import { assertAdministersCounty, IS_SHELTER_SQL, mayKnowShelterWhereabouts } from './service-provider.policy';
import {
  agencyIdField,
  createServiceProviderSchema,
  serviceProviderIdSchema,
  updateServiceProviderSchema,
  type CreateServiceProviderInput,
  type DeactivateServiceProviderInput,
  type ReactivateServiceProviderInput,
  type ServiceProviderFilter,
  type UpdateServiceProviderInput,
  type ValidOpeningHours,
} from './service-provider.input';

export async function listServiceProviders(
  ctx: DirectoryContext,
  filter: ServiceProviderFilter | null | undefined,
  page: PageArgs,
): Promise<ConnectionShape<ServiceProviderEntity>> {
  const limit = pageSize(page.first);
  const after = decodeTypedCursor(page.after, ['text', 'uuid']);
  const conditions = new SqlConditions();
  const { param } = conditions;
  checkFilterList(filter?.types, 'filter.types');
  checkFilterList(filter?.services, 'filter.services');
  if (!filter?.includeInactive) conditions.where('active = true');
  if (filter?.county) conditions.where(`county_code = ${param(validateInput(countyCodeSchema, filter.county, 'filter.county'))}`);
  if (filter?.agencyId) conditions.where(`agency_id = ${param(validateInput(agencyIdField, filter.agencyId, 'filter.agencyId'))}`);
  if (filter?.types?.length) conditions.where(`type = ANY(${param(filter.types)})`);
  if (filter?.services?.length) conditions.where(`services @> ${param(filter.services)}::directory.service_type[]`);
  if (filter?.acceptingReferrals !== null && filter?.acceptingReferrals !== undefined) {
    conditions.where(`accepting_referrals = ${param(filter.acceptingReferrals)}`);
  }
  const pattern = searchPattern(filter?.text, 'filter.text');
  let addressMatches: string | null = null;
  if (pattern) {
    const text = param(pattern);
    addressMatches = `sub_county ILIKE ${text} OR address ILIKE ${text}`;
    // A shelter's address is searched only for whoever may read it: a match would tell where it is.
    const whereaboutsSearched = mayKnowShelterWhereabouts(ctx) ? '' : `NOT ${IS_SHELTER_SQL} AND `;
    conditions.where(`name ILIKE ${text} OR (${whereaboutsSearched}(${addressMatches}))`);
  }
  if (filter?.openAt) {
    const { weekday, time } = kenyanWallClock(filter.openAt);
    const at = param(time);
    conditions.where(
      `open_24_hours = true OR EXISTS (SELECT 1 FROM directory.opening_hours h WHERE h.provider_id = service_provider.id AND h.weekday = ${param(weekday)} AND h.opens <= ${at} AND h.closes > ${at})`,
    );
  }
  const totalCount = await countWhere(ctx.db, ServiceProviderEntity, conditions);
  if (addressMatches && mayKnowShelterWhereabouts(ctx)) await auditSheltersFoundByAddress(ctx, conditions, addressMatches);
  if (after) conditions.where(`(name, id) > (${param(after[0])}, ${param(after[1])})`);
  const rows = await findWhere(
    ctx.db,
    ServiceProviderEntity,
    conditions,
    [
      ['name', 'ASC'],
      ['id', 'ASC'],
    ],
    limit + 1,
  );
  return toConnection(rows, limit, totalCount, (row) => [row.name, row.id]);
}

/**
 * A search that matched a shelter's address told where it is, as reading the address would: on its trail too,
 * whether the page shows it, asks for no address, or counts it only (`totalCount`).
 */
async function auditSheltersFoundByAddress(ctx: DirectoryContext, search: SqlConditions, addressMatches: string): Promise<void> {
  const found: Array<{ id: string }> = await ctx.db.query(
    `SELECT id FROM directory.service_provider${search.sql} AND ${IS_SHELTER_SQL} AND (${addressMatches})`,
    search.params,
  );
  for (const { id } of found) ctx.audit.read('ServiceProvider', id, 'filter.text');
}

async function replaceOpeningHours(manager: EntityManager, providerId: string, hours: ValidOpeningHours): Promise<void> {
  await manager.getRepository(OpeningHoursEntity).delete({ providerId });
  const rows = toOpeningHoursRows(providerId, hours);
  if (rows.length > 0) await manager.getRepository(OpeningHoursEntity).insert(rows);
}

/**
 * The agency, under a shared lock, for a provider to be made active under it: an agency being deactivated
 * meanwhile either finishes first (and is seen) or waits, so no active provider is left under a deactivated one.
 */
function agencyUnderSharedLock(manager: EntityManager, agencyId: string): Promise<AgencyEntity | null> {
  return manager.getRepository(AgencyEntity).findOne({ where: { id: agencyId }, lock: { mode: 'pessimistic_read' } });
}

/** The provider, locked for the change the transaction makes to it; NOT_FOUND when no provider has the id. */
async function lockedProvider(manager: EntityManager, id: string): Promise<ServiceProviderEntity> {
  const provider = await manager.getRepository(ServiceProviderEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!provider) throw notFound('No service provider has this id');
  return provider;
}

const KEYED_PROVIDERS: KeyedTable = {
  table: 'directory.service_provider',
  byColumn: 'created_by',
  reusedKeyMessage: 'This idempotency key was already used to create a different service provider; use a new key for a new one',
};

const ownTrail = (provider: { id: string }) => ({ type: 'ServiceProvider' as const, id: provider.id });

/** A retry with the key of a create already made answers with that provider, whatever has happened to it since. */
export async function createServiceProvider(
  ctx: DirectoryContext,
  input: CreateServiceProviderInput,
  rawKey?: string | null,
): Promise<ServiceProviderEntity> {
  const by = ctx.caller?.sub;
  if (!by) throw forbidden('Sign in to do this');
  if (typeof input.countyCode === 'string') {
    const agency = { type: 'Agency' as const, id: recordIdsInArguments({ input }, ['agencyId'])[0] ?? null };
    // A code that is no county is bad input for every administrator, not a county this one may not write in.
    const county = validateInput(countyCodeSchema, input.countyCode, 'input.countyCode');
    assertAdministersCounty(ctx, 'createServiceProvider', county, agency);
  }
  return writeOnceKeyed(
    ctx.db,
    KEYED_PROVIDERS,
    by,
    rawKey,
    input,
    (id) => ctx.db.getRepository(ServiceProviderEntity).findOneByOrFail({ id }),
    (key, digest) => {
      const valid = validateInput(createServiceProviderSchema, input);
      return ctx.db.transaction(async (manager) => {
        const agency = await agencyUnderSharedLock(manager, valid.agencyId);
        if (!agency) throw badUserInput('input.agencyId: there is no agency with this id', 'input.agencyId');
        if (!agency.active) throw badUserInput('input.agencyId: this agency is deactivated', 'input.agencyId');
        const hours = valid.openingHours;
        const provider = await manager.getRepository(ServiceProviderEntity).save(
          manager.create(ServiceProviderEntity, {
            agencyId: valid.agencyId,
            name: valid.name,
            type: valid.type,
            countyCode: valid.countyCode,
            subCounty: valid.subCounty ?? null,
            address: valid.address ?? null,
            phone: valid.phone ?? null,
            email: valid.email ?? null,
            open24Hours: hours.open24Hours,
            services: [...new Set(valid.services)],
            capacity: valid.capacity ?? null,
            acceptingReferrals: valid.acceptingReferrals ?? true,
            createdBy: by,
            idempotencyKey: key,
            requestDigest: digest,
          }),
        );
        await replaceOpeningHours(manager, provider.id, hours);
        await ctx.auditWrite(manager, 'ServiceProvider', provider.id, Object.keys(input));
        return provider;
      });
    },
  );
}

export async function updateServiceProvider(ctx: DirectoryContext, input: UpdateServiceProviderInput): Promise<ServiceProviderEntity> {
  const valid = validateInput(updateServiceProviderSchema, input);
  return ctx.db.transaction(async (manager) => {
    const repository = manager.getRepository(ServiceProviderEntity);
    const provider = await lockedProvider(manager, valid.id);
    assertAdministersCounty(ctx, 'updateServiceProvider', provider.countyCode, ownTrail(provider), 'input.id');
    if (valid.countyCode) assertAdministersCounty(ctx, 'updateServiceProvider', valid.countyCode, ownTrail(provider));
    // A closed desk is changed only once it is reactivated (reactivateServiceProvider), and takes referrals after.
    if (!provider.active)
      throw conflict('This service provider is deactivated; its entry stays as it was when it closed', { active: false });
    const { id: _id, openingHours, services, ...scalars } = valid;
    const changed: string[] = [];
    for (const [key, value] of Object.entries(scalars)) {
      if (value === undefined) continue;
      if (value === null && ['name', 'type', 'countyCode', 'acceptingReferrals'].includes(key)) continue;
      (provider as unknown as Record<string, unknown>)[key] = value;
      changed.push(key);
    }
    if (services) {
      provider.services = [...new Set(services)];
      changed.push('services');
    }
    if (openingHours) {
      provider.open24Hours = openingHours.open24Hours;
      changed.push('openingHours');
    }
    const saved = await repository.save(provider);
    if (openingHours) await replaceOpeningHours(manager, provider.id, openingHours);
    await ctx.auditWrite(manager, 'ServiceProvider', provider.id, changed);
    return saved;
  });
}

/**
 * A provider deactivated by mistake (or reopened) is listed again under its own id, but takes referrals only once
 * an administrator says so (`updateServiceProvider` with `acceptingReferrals: true`): a desk back on the list is
 * not yet staffed for children at night. Its agency must be active.
 */
export async function reactivateServiceProvider(
  ctx: DirectoryContext,
  input: ReactivateServiceProviderInput,
): Promise<ServiceProviderEntity> {
  const { id } = validateInput(serviceProviderIdSchema, input);
  return ctx.db.transaction(async (manager) => {
    const repository = manager.getRepository(ServiceProviderEntity);
    // The agency first, then the provider: the order deactivateAgency takes them in, so the two never deadlock.
    const unlocked = await repository.findOne({ where: { id } });
    if (!unlocked) throw notFound('No service provider has this id');
    const agency = await agencyUnderSharedLock(manager, unlocked.agencyId);
    const provider = await lockedProvider(manager, id);
    assertAdministersCounty(ctx, 'reactivateServiceProvider', provider.countyCode, ownTrail(provider), 'input.id');
    if (provider.active) throw conflict('This service provider is active', { active: true });
    if (!agency?.active) throw conflict('Its agency is deactivated: reactivate the agency first', { agencyActive: false });
    provider.active = true;
    provider.acceptingReferrals = false;
    const saved = await repository.save(provider);
    await ctx.auditWrite(manager, 'ServiceProvider', id, ['active']);
    return saved;
  });
}

export async function deactivateServiceProvider(
  ctx: DirectoryContext,
  input: DeactivateServiceProviderInput,
): Promise<ServiceProviderEntity> {
  const { id } = validateInput(serviceProviderIdSchema, input);
  return ctx.db.transaction(async (manager) => {
    const repository = manager.getRepository(ServiceProviderEntity);
    const provider = await lockedProvider(manager, id);
    assertAdministersCounty(ctx, 'deactivateServiceProvider', provider.countyCode, ownTrail(provider), 'input.id');
    // A second deactivation would put a change that did not happen on the provider's trail.
    if (!provider.active) throw conflict('This service provider is deactivated', { active: false });
    provider.active = false;
    provider.acceptingReferrals = false;
    await repository.save(provider);
    await ctx.auditWrite(manager, 'ServiceProvider', id, ['active', 'acceptingReferrals']);
    return provider;
  });
}
