import { registerEnumType } from 'type-graphql';

/** Why erasure is asked for: the grounds of the Data Protection Act 2019, s. 40(1)(b). */
export enum ErasureGround {
  NO_LONGER_AUTHORISED = 'NO_LONGER_AUTHORISED',
  IRRELEVANT = 'IRRELEVANT',
  EXCESSIVE = 'EXCESSIVE',
  OBTAINED_UNLAWFULLY = 'OBTAINED_UNLAWFULLY',
}

registerEnumType(ErasureGround, {
  name: 'ErasureGround',
  description: 'Why erasure is asked for (Data Protection Act 2019, s. 40(1)(b)).',
  valuesConfig: {
    NO_LONGER_AUTHORISED: { description: 'The data is no longer authorised to be kept (e.g. a case opened on a false report).' },
    IRRELEVANT: { description: 'The data is irrelevant to protecting the child.' },
    EXCESSIVE: { description: 'More was recorded than the purpose needs.' },
    OBTAINED_UNLAWFULLY: { description: 'The data was obtained unlawfully.' },
  },
});
