import { badUserInput, checkDirectoryAgencies, forbidden, validateInput } from '@kinga/shared';
import { z } from 'zod';
import type { ProgrammesContext } from '../../programmes.context';
import { reachesCounty } from '../report/report.access';
import { AgencyLinkEntity, PlanEntity } from './framework.entity';
import type { LinkProgrammeAgencyInput } from './framework.input';
import { CURRENT_PLAN } from './framework.loader';

export function listPlans(ctx: ProgrammesContext): Promise<PlanEntity[]> {
  return ctx.db.getRepository(PlanEntity).find({ order: { startYear: 'ASC', code: 'ASC' } });
}

export function planByCode(ctx: ProgrammesContext, code: string): Promise<PlanEntity | null> {
  return ctx.loaders.planByCode.load(code);
}

/** The plan in force: the one that starts last. */
export function currentPlan(ctx: ProgrammesContext): Promise<PlanEntity | null> {
  return ctx.loaders.planByCode.load(CURRENT_PLAN);
}

export async function requirePlan(ctx: ProgrammesContext, code: string | null | undefined, field = 'planCode'): Promise<PlanEntity> {
  const plan = code ? await planByCode(ctx, code) : await currentPlan(ctx);
  if (!plan) throw badUserInput(`${field}: no plan has this code`, field);
  return plan;
}

const linkSchema = z.object({
  npaName: z.string().trim().min(2, 'must name a lead agency as the matrix writes it').max(200, 'must be at most 200 characters'),
  agencyId: z.string().uuid('is not an agency id'),
});

/**
 * A link only means something for a name the matrix gives an objective's lead agency, as it spells it: a name
 * no objective has would be linked and lead nothing, silently. A name that differs only in case is named back.
 */
async function checkNamedInMatrix(ctx: ProgrammesContext, npaName: string): Promise<void> {
  const names = (await ctx.db.query(
    `SELECT DISTINCT name FROM programmes.objective o, unnest(o.lead_agencies) AS name WHERE lower(name) = lower($1)`,
    [npaName],
  )) as { name: string }[];
  if (names.some((n) => n.name === npaName)) return;
  throw badUserInput(
    names.length > 0
      ? `input.npaName: the matrix spells it ${names.map((n) => `"${n.name}"`).join(' or ')}`
      : 'input.npaName: no objective of the plans names this lead agency (see ProgrammeObjective.leadAgencyNames)',
    'input.npaName',
  );
}

/**
 * Links a lead-agency name of the matrix to the directory agency it means. The directory owns agencies and
 * their ids; NCCS, who coordinates the plan, states which is which.
 */
export async function linkProgrammeAgency(ctx: ProgrammesContext, input: LinkProgrammeAgencyInput): Promise<AgencyLinkEntity> {
  // The links are national: an officer whose token names counties does not change them (reachesCounty).
  if (!reachesCounty(ctx.caller, null)) throw forbidden('Lead-agency links are national: a national NCCS officer sets them');
  const valid = validateInput(linkSchema, input);
  await checkNamedInMatrix(ctx, valid.npaName);
  // Linked to an id the directory does not know, or to a closed agency, the name's objectives would be led by no one.
  await checkDirectoryAgencies(ctx, [valid.agencyId], {
    field: 'input.agencyId',
    entry: () => 'input.agencyId',
    checking: 'the agency',
    whyActive: 'link the name to the agency that carries the work now',
    takes: 'a lead agency is a directory agency',
  });
  return ctx.db.transaction(async (manager) => {
    // One link of a name at a time, first links too (a row lock locks no row that is not there yet), so the
    // agency that loses the name to a concurrent link is on the trail as well.
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`agency_link:${valid.npaName}`]);
    // The link it replaces, if any (the lock above keeps it from changing): the agency that loses the name is on the trail too.
    const previous = await manager.getRepository(AgencyLinkEntity).findOne({ where: { npaName: valid.npaName } });
    await manager
      .createQueryBuilder()
      .insert()
      .into(AgencyLinkEntity)
      .values({ npaName: valid.npaName, agencyId: valid.agencyId, linkedBy: ctx.caller?.sub ?? 'unknown', linkedAt: ctx.now })
      .orUpdate(['agency_id', 'linked_by', 'linked_at'], ['npa_name'])
      .execute();
    const agencies = [...new Set([valid.agencyId, ...(previous ? [previous.agencyId] : [])])];
    await ctx.auditWrite(manager, 'ProgrammeAgencyLink', agencies, ['npaName', 'agencyId']);
    return manager.getRepository(AgencyLinkEntity).findOneByOrFail({ npaName: valid.npaName });
  });
}
