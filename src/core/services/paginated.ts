import { type SdkClient, type ServiceClient } from '../aws/clients';
import { type PaginatorOptions, type Params, type ResourceKind } from './kind';

/** An SDK v3 generated paginator: `createPaginator(Client, Command, inputToken, outputToken, pageSizeField)`. */
type SdkPaginator<C, I, O> = (config: { client: C; pageSize?: number; startingToken?: string }, input: I, ...rest: never[]) => AsyncIterable<O>;

/**
 * A kind's `paginate` as data: the service's client, the SDK's paginator for the list (loaded with the SDK, on first
 * use) and the request it sends. The paginator mutates its input, so `input` makes a fresh one for every listing; a
 * kind with a `position` puts `from.startAfter` in it.
 */
export function paginated<C extends SdkClient, I, O>(
  client: ServiceClient<C>, paginator: () => SdkPaginator<C, I, O>, input: (params: Params, from: Pick<PaginatorOptions, 'startAfter'>) => I,
): ResourceKind<O>['paginate'] {
  return async function* (clients, params, options, send) {
    const sdkClient = await clients.client(client);
    yield* paginator()({ client: sdkClient, pageSize: options.pageSize, startingToken: options.startingToken }, input(params, options), send as never);
  };
}
