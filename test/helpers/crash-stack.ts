// For crash tests: a test file's stack without a worker of its own. Its workers are child processes
// the file starts and may SIGKILL; whatever is left of them is killed when the file ends.
import { afterAll, beforeAll } from 'vitest';
import { createTeam, type Team } from './fixtures';
import { startWorkerChild, type Child } from './processes';
import { startTestStack, type TestStack } from './stack';

export interface CrashStack {
  readonly stack: TestStack;
  readonly team: Team;
  /** Every worker started, the killed ones too. */
  readonly workers: Child[];
  startWorker(): Promise<Child>;
}

/** Registers the file's beforeAll (stack, team and, unless `firstWorker` is false, a first worker) and afterAll. */
export function crashStack(name: string, opts: { env?: Record<string, string>; firstWorker?: boolean } = {}): CrashStack {
  let stack: TestStack | undefined;
  let team: Team | undefined;
  const workers: Child[] = [];
  const crash: CrashStack = {
    get stack() {
      return stack!;
    },
    get team() {
      return team!;
    },
    workers,
    startWorker: () => startWorkerChild(stack!.env, workers),
  };
  beforeAll(async () => {
    stack = await startTestStack(name, { worker: false, env: opts.env });
    team = await createTeam(stack);
    if (opts.firstWorker !== false) await crash.startWorker();
  }, 60_000);
  afterAll(async () => {
    for (const w of workers) w.proc.kill('SIGKILL');
    await stack?.stop();
  });
  return crash;
}
