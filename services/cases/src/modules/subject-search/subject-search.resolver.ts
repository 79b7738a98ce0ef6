import { MAX_CASES_OF_A_DATA_SUBJECT } from '@kinga/shared';
import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { CasesContext } from '../../cases.context';
import { DataSubjectSearchInput } from './subject-search.input';
import { findDataSubjectCases } from './subject-search.service';
import { DataSubjectCase } from './subject-search.type';

@Resolver(() => DataSubjectCase)
export class DataSubjectSearchResolver {
  @Query(() => [DataSubjectCase], {
    description: `The cases whose child the requester's identifiers match (at most ${MAX_CASES_OF_A_DATA_SUBJECT}, oldest first), so that a subject access or erasure request reaches every case of one child: a child opened again after a case closed, or by another county's office, has a case, and a child record, for each. Case numbers only; each case found is on its audit trail. DATA_PROTECTION_OFFICER only.`,
  })
  dataSubjectCases(
    @Arg('search', () => DataSubjectSearchInput) search: DataSubjectSearchInput,
    @Ctx() ctx: CasesContext,
  ): Promise<DataSubjectCase[]> {
    return findDataSubjectCases(ctx, search);
  }
}
