// Validates docker-compose.yml with the real Compose CLI (`docker-compose config`) and checks that the
// stack wires api/worker to Temporal, MongoDB and Mailpit. Needs only the CLI, not a Docker engine.
// Skipped when `docker-compose` isn't installed (CI installs it).
import { execFile, spawnSync } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, it, expect } from 'vitest';

const execFileAsync = promisify(execFile);
const repoRoot = path.resolve(__dirname, '..');

const hasDockerCompose = spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).error === undefined;
const skipReason = hasDockerCompose
  ? ''
  : ' [skipped: `docker-compose` is not on PATH; install it (e.g. `apt-get install docker-compose`) to run this check]';

/**
 * The lines nested under `key:` (at exactly `indent` spaces) inside `lines`. Tolerates block sequences
 * written at the parent's indentation (PyYAML's style: `key:\n- item`).
 */
function section(lines: readonly string[], key: string, indent: number): string[] | undefined {
  const pad = ' '.repeat(indent);
  const start = lines.findIndex((l) => l === `${pad}${key}:` || l.startsWith(`${pad}${key}: `));
  if (start === -1) return undefined;
  const out: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === '') continue;
    const lineIndent = line.length - line.trimStart().length;
    if (lineIndent < indent || (lineIndent === indent && !line.trimStart().startsWith('- '))) break;
    out.push(line);
  }
  return out;
}

/** Direct child keys of a block whose entries sit at `indent` spaces. */
function keysAt(lines: readonly string[], indent: number): string[] {
  const re = new RegExp(`^ {${indent}}([A-Za-z0-9_.-]+):(?: |$)`);
  return lines.flatMap((l) => re.exec(l)?.[1] ?? []);
}

function unquote(v: string): string {
  const t = v.trim();
  if (t.length >= 2 && ((t.startsWith("'") && t.endsWith("'")) || (t.startsWith('"') && t.endsWith('"')))) {
    return t.slice(1, -1);
  }
  return t;
}

/** A service's environment, whether rendered as a map (`KEY: value`) or a list (`- KEY=value`). */
function environment(service: readonly string[]): Map<string, string> {
  const env = new Map<string, string>();
  for (const line of section(service, 'environment', 4) ?? []) {
    const item = line.trim();
    const listItem = /^- (['"]?)([^=]+)=(.*)\1$/.exec(item);
    if (listItem) {
      env.set(listItem[2]!, listItem[3]!);
      continue;
    }
    const mapItem = /^([A-Za-z0-9_]+):(?: (.*))?$/.exec(item);
    if (mapItem) env.set(mapItem[1]!, unquote(mapItem[2] ?? ''));
  }
  return env;
}

function scalar(service: readonly string[], key: string): string | undefined {
  const line = service.find((l) => l.startsWith(`    ${key}: `));
  return line === undefined ? undefined : unquote(line.slice(`    ${key}: `.length));
}

describe('docker-compose.yml', () => {
  it.skipIf(!hasDockerCompose)(
    `docker-compose.yml is a valid compose file with every service the stack needs${skipReason}`,
    async () => {
      // execFile rejects on a non-zero exit, so reaching the assertions means `config` exited 0.
      const { stdout } = await execFileAsync('docker-compose', ['-f', 'docker-compose.yml', 'config'], {
        cwd: repoRoot,
        timeout: 60_000,
      });
      const lines = stdout.split(/\r?\n/);

      const servicesBlock = section(lines, 'services', 0);
      expect(servicesBlock, 'no top-level `services:` in `docker-compose config` output').toBeDefined();
      const services = new Map(keysAt(servicesBlock!, 2).map((name) => [name, section(servicesBlock!, name, 2)!]));
      expect([...services.keys()]).toEqual(
        expect.arrayContaining(['mongo', 'temporal', 'temporal-admin-tools', 'temporal-ui', 'mailpit', 'api', 'worker']),
      );

      expect(scalar(services.get('mongo')!, 'image')).toMatch(/^mongo:7/);
      expect(services.get('mongo')!.join('\n')).toContain('rs0');
      expect(scalar(services.get('temporal')!, 'image')).toMatch(/^temporalio\/auto-setup:1\.2\d/);
      expect(scalar(services.get('temporal-ui')!, 'image')).toMatch(/^temporalio\/ui:/);
      expect(scalar(services.get('mailpit')!, 'image')).toMatch(/^axllent\/mailpit/);

      const adminTools = services.get('temporal-admin-tools')!.join('\n');
      for (const attr of ['TesseraWorkspace', 'TesseraProject', 'TesseraJobStatus', 'TesseraLabeler', 'TesseraReviewer']) expect(adminTools).toContain(attr);

      for (const [name, entrypoint] of [
        ['api', 'dist/api/main.js'],
        ['worker', 'dist/worker/main.js'],
      ] as const) {
        const service = services.get(name)!;
        expect(section(service, 'build', 4) ?? scalar(service, 'build'), `${name} must be built from the repo`).toBeDefined();
        expect(section(service, 'command', 4)?.join('\n') ?? scalar(service, 'command')).toContain(entrypoint);

        const env = environment(service);
        expect(env.get('TEMPORAL_ADDRESS'), `${name}.TEMPORAL_ADDRESS`).toBe('temporal:7233');
        expect(env.get('MONGODB_URI'), `${name}.MONGODB_URI`).toMatch(/^mongodb:\/\/mongo:27017\/.*replicaSet=rs0/);
        expect(env.get('SMTP_URL'), `${name}.SMTP_URL`).toBe('smtp://mailpit:1025');
        expect(env.get('TESSERA_DATA_DIR'), `${name}.TESSERA_DATA_DIR`).toBe('/data');

        expect(section(service, 'volumes', 4)?.join('\n'), `${name} mounts the shared image store`).toMatch(/images:\/data|source: images/);

        const dependsOn = section(service, 'depends_on', 4) ?? [];
        expect(dependsOn.join('\n'), `${name}.depends_on`).toMatch(/mongo:\s*\n\s+condition: service_healthy/);
        expect(dependsOn.join('\n'), `${name}.depends_on`).toMatch(
          /temporal-admin-tools:\s*\n\s+condition: service_completed_successfully/,
        );
      }
    },
    90_000,
  );
});
