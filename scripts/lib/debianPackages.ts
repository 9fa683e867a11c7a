import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';

/**
 * System packages the real VS Code needs here: code-server's `kerberos` native module is built from source
 * against `libkrb5-dev`, and the browser is Debian's Chromium.
 */
export const requiredDebianPackages = [
  { name: 'libkrb5-dev', why: 'Kerberos headers for code-server\'s native "kerberos" module' },
  { name: 'chromium', why: 'the browser the workbench runs in (/usr/bin/chromium)' },
] as const;

function isInstalled(pkg: string): boolean {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.includes('install ok installed');
}

function run(command: string, args: string[]): void {
  console.log(`$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (result.status !== 0) {
    throw new Error(`"${command} ${args.join(' ')}" failed (exit ${result.status ?? result.signal}).`);
  }
}

/**
 * Makes sure the Debian packages are there. Root on Debian: installs the missing ones (one `apt-get update`).
 * Elsewhere: stops with the package names and the command that installs them.
 */
export function ensureDebianPackages(packages: readonly { name: string; why: string }[] = requiredDebianPackages): void {
  const onDebian = fs.existsSync('/etc/debian_version') && spawnSync('dpkg-query', ['--version']).status === 0;
  if (!onDebian) {
    if (!fs.existsSync('/usr/bin/chromium')) {
      throw new Error('This needs Chromium at /usr/bin/chromium and the Kerberos development headers (Debian/Ubuntu: "sudo apt-get install chromium libkrb5-dev"; Fedora: "sudo dnf install chromium krb5-devel").');
    }
    return;
  }
  const missing = packages.filter((p) => !isInstalled(p.name));
  if (missing.length === 0) {
    return;
  }
  const names = missing.map((p) => p.name);
  const command = `apt-get update && apt-get install -y ${names.join(' ')}`;
  for (const p of missing) {
    console.log(`Missing Debian package ${p.name}: ${p.why}.`);
  }
  if (process.getuid?.() !== 0) {
    throw new Error(`Install the missing Debian packages first: sudo sh -c '${command}'`);
  }
  console.log(`Installing ${names.join(', ')} (running as root on Debian)…`);
  run('apt-get', ['update']);
  run('apt-get', ['install', '-y', ...names]);
}
