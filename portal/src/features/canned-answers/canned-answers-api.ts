import { queryOptions } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';

export type CannedAnswer = Schemas['CannedAnswerResponse'];

/** Every area's canned answers (a few dozen each): fetched once, filtered in the browser as one types. */
export const cannedAnswersQuery = queryOptions({
  queryKey: ['canned-answers'],
  queryFn: () => unwrap(api.GET('/api/v1/canned-answers')),
  staleTime: 60_000,
});
