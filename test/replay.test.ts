// Determinism against the past: every workflow history kept in test/fixtures/histories/<commit>/, recorded
// by an earlier version of the workflows, must replay against the current workflow bundle. Workflows
// already running when a new version deploys are replayed exactly like this.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as proto from '@temporalio/proto';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import * as workflows from '../workflows';

type History = proto.temporal.api.history.v1.IHistory;

const fixturesDir = path.join(__dirname, 'fixtures', 'histories');

interface Fixture { commit: string; file: string; workflowType: string; description: string }

/** `<commit>/<workflowType>-<description>-<n>.json`, in a stable order. */
function listFixtures(): Fixture[] {
  const fixtures: Fixture[] = [];
  for (const commit of fs.readdirSync(fixturesDir).sort()) {
    const dir = path.join(fixturesDir, commit);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
      const m = /^([A-Za-z0-9]+)-(.+)\.json$/.exec(file);
      if (!m) throw new Error(`fixture ${commit}/${file} is not named <workflowType>-<description>-<n>.json`);
      fixtures.push({ commit, file, workflowType: m[1]!, description: m[2]! });
    }
  }
  return fixtures;
}

// The fixtures are proto3 JSON, as `temporal workflow show --output json` and the SDK's historyToJSON
// write them. The SDK's historyFromJSON cannot read them in this install: @temporalio/common and
// @temporalio/proto each get their own copy of protobufjs 8, and protojson refuses the other copy's
// types ("type must be a Type"). So they are parsed with the protojson of the protobufjs that
// @temporalio/proto itself loaded, which works however npm lays the packages out.
const protoRequire = createRequire(createRequire(__filename).resolve('@temporalio/proto'));
const protojson = protoRequire('protobufjs/ext/protojson') as {
  fromJson(type: unknown, json: unknown, options?: { ignoreUnknownFields?: boolean }): unknown;
};

function loadHistory(f: Fixture): History {
  const json: unknown = JSON.parse(fs.readFileSync(path.join(fixturesDir, f.commit, f.file), 'utf8'));
  return protojson.fromJson(proto.temporal.api.history.v1.History, json, { ignoreUnknownFields: true }) as History;
}

const fixtures = listFixtures();

beforeAll(() => {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Already installed in this process: its logger stays.
  }
});

describe('recorded workflow histories', () => {
  it('keeps at least one history of every workflow the bundle exports', () => {
    expect([...new Set(fixtures.map((f) => f.workflowType))].sort()).toEqual(Object.keys(workflows).sort());
  });

  for (const f of fixtures) {
    it(`replays ${f.workflowType} history "${f.description}" recorded by ${f.commit} without nondeterminism`, async () => {
      const history = loadHistory(f);
      const started = history.events?.[0]?.workflowExecutionStartedEventAttributes;
      expect(started?.workflowType?.name, 'the workflow type in the file name').toBe(f.workflowType);
      const workflowId = started?.workflowId || `replay-${f.commit}-${f.file}`;
      await Worker.runReplayHistory({ workflowBundle: { codePath: inject('workflowBundlePath') } }, history, workflowId);
    });
  }
});
