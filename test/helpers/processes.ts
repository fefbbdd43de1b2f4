// Real child processes for crash and start-up tests. `node --import tsx` keeps each one a single
// process, so a SIGKILL hits the worker itself and not a wrapper.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

export interface Child { proc: ChildProcess; output: () => string; exited: Promise<number | null> }

export function spawnTs(script: string, env: Record<string, string>, opts: { detached?: boolean } = {}): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: opts.detached,
  });
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return { proc, output: () => out, exited };
}

export async function waitForOutput(child: Child, pattern: RegExp, ms = 60_000): Promise<void> {
  const until = Date.now() + ms;
  while (!pattern.test(child.output())) {
    if (child.proc.exitCode !== null) throw new Error(`process exited (${child.proc.exitCode}) before ${pattern}:\n${child.output().slice(-3000)}`);
    if (Date.now() > until) throw new Error(`no ${pattern} within ${ms} ms:\n${child.output().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A real worker process on the stack's settings, once it runs; `started` keeps it for the test to kill. */
export async function startWorkerChild(env: Record<string, string>, started: Child[]): Promise<Child> {
  const child = spawnTs('worker/main.ts', { ...env, LOG_LEVEL: 'info' });
  started.push(child);
  await waitForOutput(child, /workers running/);
  return child;
}
