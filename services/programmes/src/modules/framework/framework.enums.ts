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

/** Units whose actuals are numbers; the others are reported as an achievement status with evidence. */
export const NUMERIC_UNITS: ReadonlySet<IndicatorUnit> = new Set([IndicatorUnit.COUNT, IndicatorUnit.PERCENT]);
