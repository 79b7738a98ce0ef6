import { registerEnumType } from 'type-graphql';

export enum IndicatorUnit {
  COUNT = 'COUNT',
  PERCENT = 'PERCENT',
  DOCUMENT = 'DOCUMENT',
  QUALITATIVE = 'QUALITATIVE',
}

registerEnumType(IndicatorUnit, {
  name: 'IndicatorUnit',
  description: 'How an indicator is measured.',
  valuesConfig: {
    COUNT: { description: '"No. of ...": a whole number.' },
    PERCENT: { description: '"% of ..." or a proportion: 0 to 100.' },
    DOCUMENT: { description: 'An output document (report, manual, framework, regulations): achieved or not.' },
    QUALITATIVE: { description: 'A change described in words: achieved, in progress or not started.' },
  },
});

export enum IndicatorDirection {
  INCREASE = 'INCREASE',
  DECREASE = 'DECREASE',
}

registerEnumType(IndicatorDirection, {
  name: 'IndicatorDirection',
  description: 'Which way progress goes on a numeric indicator, and so how its variance status is read.',
  valuesConfig: {
    INCREASE: { description: 'More is better ("No. of ..."): on track when the actual reaches 90% of the target.' },
    DECREASE: {
      description:
        'Less is better: the indicator names something to bring down ("Reduced ...", "Decrease in the number of ..."), a report gives the level reached, and the target is the level aimed at: on track while the actual is at most a ninth above the target.',
    },
  },
});

/** The matrix words indicators that track something to bring down as "Reduced/Reduction ..." or "Decrease(d) ...". */
export function directionOf(indicatorName: string): IndicatorDirection {
  return /^\s*(reduc|decreas)/i.test(indicatorName) ? IndicatorDirection.DECREASE : IndicatorDirection.INCREASE;
}

export enum IndicatorAggregation {
  FLOW = 'FLOW',
  LEVEL = 'LEVEL',
}

registerEnumType(IndicatorAggregation, {
  name: 'IndicatorAggregation',
  description: 'How the quarters of a COUNT indicator make up a longer period.',
  valuesConfig: {
    FLOW: { description: 'Things that happen ("No. of forums held", "No. of SEC cases reported"): the quarters add up.' },
    LEVEL: {
      description:
        'Things that stand ("No. of functional child protection structures", "No. of counties having ... a safe house"): each quarter reports the level reached, and a longer period takes its latest quarter.',
    },
  },
});

/**
 * The matrix words the counts of things that stand as "No. of functional/active ...", "No. of counties,
 * county governments or schools with/having/implementing ...", "Forty seven (47) functional ..." and "...
 * using the manuals ...". The migration that added the column writes the same rule out in SQL.
 */
export function aggregationOf(indicatorName: string, unit: IndicatorUnit): IndicatorAggregation {
  if (unit !== IndicatorUnit.COUNT) return IndicatorAggregation.FLOW;
  const level =
    /^\s*(no\.|number) of (functional|active) /i.test(indicatorName) ||
    /^\s*no\. of (counties|county governments|schools) (with|having|implementing) /i.test(indicatorName) ||
    /^\s*forty seven \(47\) functional /i.test(indicatorName) ||
    / using the manuals /i.test(indicatorName);
  return level ? IndicatorAggregation.LEVEL : IndicatorAggregation.FLOW;
}

/**
 * A count of counties ("No. of counties having at least one adequate and operational safe house"): a county
 * either has it or not, whichever agencies report it, so a county's figure is 0 or 1 and the national one at
 * most 47.
 */
export function countsCounties(indicator: { name: string; unit: IndicatorUnit }): boolean {
  return indicator.unit === IndicatorUnit.COUNT && /^\s*(no\.|number) of (counties|county governments) /i.test(indicator.name);
}

/** Units whose actuals are numbers; the others are reported as an achievement status with evidence. */
export const NUMERIC_UNITS: ReadonlySet<IndicatorUnit> = new Set([IndicatorUnit.COUNT, IndicatorUnit.PERCENT]);
