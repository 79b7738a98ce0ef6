/**
 * A focus area's indicative budget: its objectives' added up, or null when none has one. Identification's rows
 * were lost from the source (data/README.md): its budget is unknown, not KES 0, and the data are not filled in.
 */
export function totalBudgetKes(budgets: ReadonlyArray<number | null>): number | null {
  const known = budgets.filter((budget): budget is number => budget !== null);
  return known.length ? known.reduce((total, budget) => total + budget, 0) : null;
}
