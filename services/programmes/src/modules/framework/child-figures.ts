import { SUPPRESSION_THRESHOLD } from '@kinga/shared';
import { IndicatorUnit } from './framework.enums';

/**
 * Indicators about children harmed, or their cases: SEC cases reported, referred, prosecuted or completed, child
 * victims rehabilitated, reintegrated or supported, children exposed or seeking refuge, harmful cultural practices
 * reported, the beneficiaries of the referral centres. Read from the matrix's wording, as an indicator's direction is. Counts of forums, trainings,
 * clubs or children reached by a campaign are not about a child harmed, nor is case management as a system or a
 * budget, and are not listed.
 */
const ABOUT_CHILDREN_HARMED =
  /\b(cases?(?! management)|victims?|survivors?|prosecutions?|rehabilitated|reintegrated|refuge|beneficiaries)\b|exposed to sexual exploitation|alternative means of livelihood|reporting of harmful cultural practices/i;
/** Counts of people trained or sensitised to help victims: about the helpers, not the children. */
const ABOUT_HELPERS = /^\s*(no\.|number) of [\w\s,]*\b(trained|sensitised|sensitized)\b/i;
/** Money set aside for victims: about the budget, not the children. */
const ABOUT_BUDGETS = /\bbudget/i;

/**
 * Whether what a report line of this indicator says (its value, narrative, evidence, a reviewer's comment) can
 * describe children harmed: whatever the unit, a line's words on a qualitative indicator ("two girls fled to the
 * safe house") describe them as well as a count does.
 */
export function isAboutChildrenHarmed(indicator: { name: string }): boolean {
  return ABOUT_CHILDREN_HARMED.test(indicator.name) && !ABOUT_HELPERS.test(indicator.name) && !ABOUT_BUDGETS.test(indicator.name);
}

/** Whether its figures count children harmed: a count or a percentage about them, suppressed below the county. */
export function countsChildrenHarmed(indicator: { name: string; unit: IndicatorUnit }): boolean {
  return (indicator.unit === IndicatorUnit.COUNT || indicator.unit === IndicatorUnit.PERCENT) && isAboutChildrenHarmed(indicator);
}

/** What a scope's figure stands on: its value, and how many counties' reports made it. */
export interface FigureBasis {
  actual: number | null;
  countiesReported: number;
}

/**
 * Whether a figure of such an indicator, for this scope, is withheld from the public (and what it adds to the
 * lines a caller reads, from that caller: variance.withholding.ts): every county's; a national figure made of one county's reports (it is that county's, and which county reported is
 * public); and a national count below the threshold (a percentage is not a count of children).
 */
export function withheldFromPublic(unit: IndicatorUnit, countyCode: string | null, figure: FigureBasis): boolean {
  if (countyCode !== null) return true;
  if (figure.actual === null) return false;
  if (figure.countiesReported < 2) return true;
  return unit === IndicatorUnit.COUNT && figure.actual > 0 && figure.actual < SUPPRESSION_THRESHOLD;
}
