// `npm run package:cli`: the command line as a package of its own, `paged-aws-export-<version>.tgz`, installed with
// `npm install -g ./paged-aws-export-<version>.tgz`. It holds the production bundles (dist/cli.js, the small
// executable; dist/cliMain.js; dist/awsSdk.js, the parts of the AWS SDK it uses), a README and the license: no runtime
// dependencies.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..');

/** Builds the bundles and packs them; returns the tarball's path. */
export function packageCli(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string; license: string; homepage: string; bugs: unknown };
  run('node', ['esbuild.mjs', '--production'], root);
  const stage = path.join(root, '.cli-package');
  fs.rmSync(stage, { recursive: true, force: true });
  fs.mkdirSync(stage, { recursive: true });
  for (const file of ['cli.js', 'cliMain.js', 'awsSdk.js']) {
    fs.copyFileSync(path.join(root, 'dist', file), path.join(stage, file));
  }
  fs.chmodSync(path.join(stage, 'cli.js'), 0o755);
  fs.copyFileSync(path.join(root, 'docs', 'cli.md'), path.join(stage, 'README.md'));
  fs.copyFileSync(path.join(root, 'LICENSE'), path.join(stage, 'LICENSE'));
  fs.writeFileSync(path.join(stage, 'package.json'), `${JSON.stringify({
    name: 'paged-aws-export',
    version: manifest.version,
    description: 'Export a full AWS listing (S3, SNS, SQS, DynamoDB) to JSON Lines, CSV or JSON, page by page, with a checkpoint after every page: an interrupted export resumes where it stopped.',
    license: manifest.license,
    homepage: manifest.homepage,
    bugs: manifest.bugs,
    keywords: ['aws', 's3', 'sns', 'sqs', 'dynamodb', 'export', 'pagination', 'cli'],
    bin: { 'paged-aws-export': 'cli.js' },
    files: ['cli.js', 'cliMain.js', 'awsSdk.js', 'README.md', 'LICENSE'],
    engines: { node: '>=20' },
  }, null, 2)}\n`);
  const packed = run('npm', ['pack', '--silent', '--pack-destination', root], stage).trim().split('\n').pop()!;
  return path.join(root, packed);
}

function run(command: string, args: readonly string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

if (require.main === module) {
  const tarball = packageCli();
  console.log(`Wrote ${path.relative(process.cwd(), tarball)} (${(fs.statSync(tarball).size / 1024).toFixed(0)} KB). Install it with: npm install -g ./${path.basename(tarball)}`);
}
