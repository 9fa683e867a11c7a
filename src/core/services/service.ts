import { type AwsClients, type SendOptions } from '../aws/clients';
import { type ListRef, type ResourceItem } from '../lists';
import { type RefusedTokenRule } from '../paging/refusedToken';
import { type ResourceKind } from './kind';

/** Error codes of a service, by what they mean for the user; `describeProblem` reads them beside the SDK's common ones. */
export interface ServiceErrors {
  readonly notFound?: readonly string[];
  readonly throttled?: readonly string[];
  readonly accessDenied?: readonly string[];
  /** A page token the service refused (expired, foreign, corrupt): the code, and the message that says so. */
  readonly refusedToken?: readonly RefusedTokenRule[];
  /**
   * Errors that mean the account cannot use the service as it is (AWS Health without a Business or Enterprise support
   * plan): said once as a notice, with a link to read about it, never retried.
   */
  readonly unavailable?: readonly Unavailable[];
}

/** See `ServiceErrors.unavailable`. */
export interface Unavailable {
  readonly code: string;
  /** Only errors of that code whose message says this (ValidationException is also a refused token). */
  readonly matches?: RegExp;
  /** What the user reads instead of the error (getters, so they are translated when read). */
  readonly message: string;
  readonly link?: { readonly label: string; readonly url: string };
}

/**
 * "Add Bucket by Name…" and its kind: a list the user names instead of finding it in a listing (when the listing
 * is denied, or the resource is in another account). It is kept under its root list like a listed one.
 */
export interface Adder {
  /** The root list it is shown under. */
  readonly root: string;
  /** "Add Bucket by Name". */
  readonly title: string;
  readonly prompt: string;
  readonly placeholder: string;
  /** The address of the list the text names (`my-bucket` → `s3://my-bucket/`); the registry parses it. */
  address(text: string): string;
}

/** Asks the user, one question at a time (in VS Code: quick picks and input boxes); undefined when they back out. */
export interface Prompter {
  pick<T>(question: { readonly title: string; readonly placeholder: string; readonly choices: readonly Choice<T>[] }): Promise<T | undefined>;
  input(question: {
    readonly title: string;
    readonly prompt: string;
    readonly placeholder?: string;
    readonly value?: string;
    /** Why the text will not do, or undefined when it will. */
    validate?(text: string): string | undefined;
    /** Offer what was entered before under this name (recent queries), most recent first. */
    readonly history?: string;
  }): Promise<string | undefined>;
}

export interface Choice<T> {
  readonly label: string;
  readonly description?: string;
  readonly value: T;
}

/**
 * A list opened by asking the user first, shown under the node it was asked on, above that node's own rows, with Load
 * more like any list: from an item ("Query by Partition Key…" on a table, "Search Events…" on a log group) or from a
 * list ("Filter by State…" on EC2 Instances, which narrows that list).
 */
export interface ListAction {
  /** Registered as `pagedAwsExplorer.<command>`; package.json gives its title and shows it where it applies. */
  readonly command: string;
  /** Offered on rows of this item kind… */
  readonly itemKind?: string;
  /** …or on the nodes of lists of this kind (package.json matches the kind id in the node's context). */
  readonly listKind?: string | readonly string[];
  /**
   * The list it opens is the node's own list narrowed (AWS Health's Filter by Status…): its new parameters become the
   * node's filters, shown in its description and taken away by Clear Filter, instead of a list opened under it.
   */
  readonly narrows?: boolean;
  /** The list to open, or undefined when the user backs out. `item` is set for an item kind's action. */
  open(target: { readonly item?: ResourceItem; readonly list: ListRef }, clients: AwsClients, prompter: Prompter, send: SendOptions): Promise<ListRef | undefined>;
}

/**
 * One AWS service: everything the tree, the exporter and the CLI know of it. Each lives in a folder of its own
 * (`services/<id>/`) and is listed once in `registry.ts`.
 */
export interface Service {
  /** `s3`, `sns`: also the first label of its endpoints' host names (`sns.eu-west-1.amazonaws.com`). */
  readonly id: string;
  readonly kinds: readonly ResourceKind[];
  /** The lists at the top of the tree, in order. */
  readonly roots: readonly ListRef[];
  /**
   * Each item kind (`s3Object`): its codicon (`file` and `folder` take the file icon theme's) and what a screen
   * reader calls it.
   */
  readonly itemKinds: Readonly<Record<string, { readonly icon: string; readonly noun: string }>>;
  readonly errors?: ServiceErrors;
  readonly adders?: readonly Adder[];
  readonly actions?: readonly ListAction[];
}
