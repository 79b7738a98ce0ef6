import { registerEnumType } from 'type-graphql';

/** Who asked for the child's records: the child, or someone entitled to ask for them. */
export enum SubjectRequester {
  CHILD = 'CHILD',
  CAREGIVER = 'CAREGIVER',
  LEGAL_REPRESENTATIVE = 'LEGAL_REPRESENTATIVE',
}

registerEnumType(SubjectRequester, {
  name: 'SubjectRequester',
  description: "Who asked for the child's records: the child, a parent or caregiver, or a legal representative.",
});
