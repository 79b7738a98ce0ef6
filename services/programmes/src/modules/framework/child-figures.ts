import { Role, SUPPRESSION_THRESHOLD, type Caller } from '@kinga/shared';
import { IndicatorUnit } from './framework.enums';

/**
 * Indicators whose figures count children harmed, or their cases: SEC cases reported, referred, prosecuted or
 * completed, child victims rehabilitated or reintegrated, children exposed or seeking refuge. Read from the
 * matrix's wording, as an indicator's direction is. Counts of forums, trainings, clubs or children reached by a
 * campaign are not about a child harmed, and are not listed.
 */
const ABOUT_CHILDREN_HARMED =
  /\b(cases?|victims?|survivors?|prosecutions?|rehabilitated|reintegrated|refuge)\b|exposed to sexual exploitation/i;
/** Counts of people trained or sensitised to help victims: about the helpers, not the children. */
const ABOUT_HELPERS = /^\s*(no\.|number) of [\w\s,]*\b(trained|sensitised|sensitized)\b/i;

export function countsChildrenHarmed(indicator: { name: string; unit: IndicatorUnit }): boolean {
  return (
    (indicator.unit === IndicatorUnit.COUNT || indicator.unit === IndicatorUnit.PERCENT) &&
    ABOUT_CHILDREN_HARMED.test(indicator.name) &&
    !ABOUT_HELPERS.test(indicator.name)
  );
}

/**
 * Who reads such figures where they describe few children: an agency's report line, a county's figure, a small
 * national one. The plan's M&E officers, whose work they are; everyone else, the public and analysts among them,
 * gets the national figure, as the cases subgraph suppresses its own counts of the same children below
 * SUPPRESSION_THRESHOLD.
 */
export function seesChildrenHarmedFigures(caller: Caller | null): boolean {
  return caller?.role === Role.PROGRAMME_OFFICER;
}

/**
 * Whether a figure of such an indicator, for this scope, is withheld from a caller who is not a programme
 * officer: every county's, and a national count below the threshold (a percentage is not a count of children).
 */
export function withheldFromPublic(unit: IndicatorUnit, countyCode: string | null, actual: number | null): boolean {
  if (countyCode !== null) return true;
  return unit === IndicatorUnit.COUNT && actual !== null && actual > 0 && actual < SUPPRESSION_THRESHOLD;
}
