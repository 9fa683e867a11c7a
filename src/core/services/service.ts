import { type ListRef, type ResourceKind } from './kind';

/** Error codes of a service, by what they mean for the user; `describeProblem` reads them beside the SDK's common ones. */
export interface ServiceErrors {
  readonly notFound?: readonly string[];
  readonly throttled?: readonly string[];
  readonly accessDenied?: readonly string[];
  /** A page token the service refused (expired, foreign, corrupt): the code, and the message that says so. */
  readonly refusedToken?: readonly { readonly code: string; readonly message: RegExp }[];
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
  /** Codicon of each item kind (`s3Object` → `file`); `file` and `folder` take the file icon theme's. */
  readonly icons: Readonly<Record<string, string>>;
  readonly errors?: ServiceErrors;
  readonly adders?: readonly Adder[];
}
