import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { resolvePythonEnv } from '../../services/python-env';

export interface PythonRun { code: number | null; stdout: string; stderr: string }

/**
 * Runs a script from test/python/ with the project's environment of outside clients and loaders
 * (built by `npm run provision`, or here on first use), and resolves with its exit code and output.
 */
export async function runPython(script: string, args: string[], env: Record<string, string> = {}): Promise<PythonRun> {
  const python = await resolvePythonEnv({ log: (m) => console.error(`[python] ${m}`) });
  return new Promise((resolve, reject) => {
    const child = spawn(python, [path.resolve(__dirname, '..', 'python', script), ...args], {
      env: { ...process.env, PYTHONUNBUFFERED: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}
