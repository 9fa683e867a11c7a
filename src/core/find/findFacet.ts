import { type Params, type ResourceItem } from '../lists';
import { type FindPattern } from './pattern';

// A list kind's find facet: how Find in List… reads a list of this kind (findList.ts reads it). Every kind is found
// in without one: its rows' names, every page scanned, narrowed server-side by its `filterParam` where it has one.

export interface ListFind {
  /** The list a find reads for this one, where it is another (S3: every key under the folder, not one level). */
  list?(params: Params): Params;
  /** The text a pattern on the name is matched against (S3: the object's key); default: the row's name. */
  name?(item: ResourceItem): string | undefined;
  /** What the names of this list start with and a pattern does not see (S3: the folder's prefix); default ''. */
  nameBase?(params: Params): string;
  /**
   * The list narrowed server-side to what may match (EC2: a `tag:Name` filter), or undefined when it cannot be. Default:
   * the kind's `filterParam` set to the pattern's literal prefix.
   */
  narrow?(params: Params, find: FindPattern): Params | undefined;
}
