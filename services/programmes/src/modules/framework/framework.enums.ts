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

/** Units whose actuals are numbers; the others are reported as an achievement status with evidence. */
export const NUMERIC_UNITS: ReadonlySet<IndicatorUnit> = new Set([IndicatorUnit.COUNT, IndicatorUnit.PERCENT]);
