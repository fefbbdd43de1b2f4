// `npx tsx bench/store-primitives.ts [--uri mongodb://host:port]`
// Times the store operations the hot paths are made of at 1,000, 10,000 and 100,000 documents, and
// counts winners of concurrent conditional updates (one per round on a store that is correct).
// Without --uri it starts the embedded MongoDB-wire server (FerretDB as this project builds it).
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { mongo } from 'mongoose';
import { startMongoServer } from '../services/mongo-server';

type Doc = { _id: string; job: string; state: string; n: number; pad: string };

const sizes = [1_000, 10_000, 100_000];

async function main(): Promise<void> {
  const uriArg = process.argv.indexOf('--uri');
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-bench-'));
  const server = uriArg > 0 ? undefined : await startMongoServer({ dataDir });
  const uri = uriArg > 0 ? process.argv[uriArg + 1]! : server!.uri;
  const client = new mongo.MongoClient(uri, { directConnection: true, maxPoolSize: 30 });
  try {
    const coll = client.db('bench-primitives').collection<Doc>('docs');
    await coll.drop().catch(() => undefined);
    console.log(`store: ${server?.kind ?? uri}`);
    console.log(`concurrent conditional updates: ${await raceWinners(coll)} winners in 20 rounds of 20 (20 = atomic)`);
    const rows = new Map<string, string[]>();
    let size = 0;
    for (const target of sizes) {
      for (; size < target; size += 1_000) {
        await coll.insertMany(Array.from({ length: 1_000 }, (_, k) => doc(size + k)), { ordered: false });
      }
      const id = (i: number) => docId((i * 7_919) % size);
      const ops: [string, number, (i: number) => Promise<unknown>][] = [
        ['findOne {_id}', 100, (i) => coll.findOne({ _id: id(i) })],
        ['updateOne {_id, state} ($inc)', 100, (i) => coll.updateOne({ _id: id(i), state: 'open' }, { $inc: { n: 1 } })],
        ['findOneAndUpdate {_id, n ≥ 0}', 100, (i) => coll.findOneAndUpdate({ _id: id(i), n: { $gte: 0 } }, { $set: { state: 'open' } })],
        ['find {_id: {$in: 100 ids}}', 20, (i) => coll.find({ _id: { $in: Array.from({ length: 100 }, (_, k) => id(i * 100 + k)) } }).toArray()],
        ['updateMany {_id: {$in: 1,000 ids}} ($inc)', 5, (i) => coll.updateMany({ _id: { $in: Array.from({ length: 1_000 }, (_, k) => id(i * 1_000 + k)) } }, { $inc: { n: 1 } })],
        ['insertMany 50', 20, (i) => coll.insertMany(Array.from({ length: 50 }, (_, k) => ({ ...doc(0), _id: `new-${size}-${i}-${k}` })), { ordered: false })],
        ['countDocuments {job} (a scan)', 3, () => coll.countDocuments({ job: 'j3' })],
      ];
      for (const [label, samples, op] of ops) {
        const t = await time(samples, op);
        rows.set(label, [...(rows.get(label) ?? []), `${t.p50.toFixed(1)} / ${t.p95.toFixed(1)}`]);
      }
    }
    console.log(`\n| operation (p50 / p95 ms) | ${sizes.map((s) => s.toLocaleString('en-US')).join(' | ')} |`);
    console.log(`| --- | ${sizes.map(() => '---').join(' | ')} |`);
    for (const [label, cells] of rows) console.log(`| ${label} | ${cells.join(' | ')} |`);
  } finally {
    await client.close();
    await server?.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

const docId = (i: number) => `img${String(i).padStart(8, '0')}`;
const doc = (i: number): Doc => ({ _id: docId(i), job: `j${i % 50}`, state: 'open', n: 0, pad: 'x'.repeat(300) });

async function raceWinners(coll: mongo.Collection<Doc>): Promise<number> {
  let winners = 0;
  for (let round = 0; round < 20; round++) {
    await coll.insertOne({ ...doc(0), _id: `race-${round}` });
    const results = await Promise.all(Array.from({ length: 20 }, () => coll.updateOne({ _id: `race-${round}`, n: 0 }, { $set: { n: 1 } })));
    winners += results.filter((r) => r.modifiedCount === 1).length;
  }
  await coll.deleteMany({ _id: { $in: Array.from({ length: 20 }, (_, r) => `race-${r}`) } });
  return winners;
}

async function time(samples: number, op: (i: number) => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  const took: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    await op(i);
    took.push(performance.now() - started);
  }
  took.sort((a, b) => a - b);
  const at = (q: number) => took[Math.min(took.length - 1, Math.floor(took.length * q))]!;
  return { p50: at(0.5), p95: at(0.95) };
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
