/**
 * A page of the AWS Management Console: `https://HOST/PATH?region=REGION[&more]#FRAGMENT`. The console takes the
 * region as a query parameter on every service's pages; `host` is the partition's (see `consoleHost`).
 */
export function consolePage(host: string, path: string, region: string, fragment?: string, query: Readonly<Record<string, string>> = {}): string {
  const search = new URLSearchParams({ region, ...query }).toString();
  return `https://${host}/${path}?${search}${fragment === undefined ? '' : `#${fragment}`}`;
}
