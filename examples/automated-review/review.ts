// An automated reviewer: Tessera POSTs `image.submitted` here; this checks the signature and the
// annotation, then approves or rejects it (with the reason) through the public API, as a reviewer.
//
//   TESSERA_API=http://localhost:3000/api TESSERA_WORKSPACE=acme TESSERA_API_KEY=<a reviewer's key> \
//   WEBHOOK_SECRET=<the hook's secret> PORT=8787 MIN_BOX_SIDE=8 npx tsx examples/automated-review/review.ts
//
// Register it first: POST /api/<workspace>/<project>/webhooks {"url": "http://<host>:8787/", "kinds": ["image.submitted"]}.
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';

const env = (name: string, fallback?: string) => {
  const value = process.env[name] ?? fallback;
  if (value === undefined) throw new Error(`set ${name}`);
  return value;
};
const api = env('TESSERA_API');
const workspace = env('TESSERA_WORKSPACE');
const key = env('TESSERA_API_KEY');
const secret = env('WEBHOOK_SECRET');
const minSide = Number(env('MIN_BOX_SIDE', '8'));

interface Shape { class: string; box?: { x: number; y: number; width: number; height: number }; polygon?: [number, number][] }
interface Submitted { id: string; kind: string; job: string; image: string; data: { annotations: Shape[] } }

/** Accepts the newest secret's signature (during a rotation the header carries two). */
function signedByUs(body: string, timestamp: string, header: string): boolean {
  const expected = Buffer.from(`v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`);
  const fresh = Math.abs(Date.now() / 1000 - Number(timestamp)) < 300;
  return fresh && header.split(',').some((s) => s.length === expected.length && timingSafeEqual(Buffer.from(s), expected));
}

/** The review rule: at least one shape, and no box smaller than `MIN_BOX_SIDE` pixels on a side. */
function verdict(shapes: Shape[]): { decision: 'approve' } | { decision: 'reject'; reason: string } {
  if (shapes.length === 0) return { decision: 'reject', reason: 'no shapes: label every object' };
  const tiny = shapes.find((s) => s.box && (s.box.width < minSide || s.box.height < minSide));
  if (tiny) return { decision: 'reject', reason: `a ${tiny.class} box is smaller than ${minSide} px; draw it around the whole object` };
  return { decision: 'approve' };
}

const seen = new Set<string>(); // deliveries are at least once: act once per event id

http.createServer((req, res) => {
  let body = '';
  req.on('data', (chunk: Buffer) => (body += chunk.toString()));
  req.on('end', () => {
    if (!signedByUs(body, String(req.headers['tessera-timestamp']), String(req.headers['tessera-signature']))) {
      res.writeHead(401).end('bad signature');
      return;
    }
    const event = JSON.parse(body) as Submitted;
    if (event.kind !== 'image.submitted' || seen.has(event.id)) {
      res.writeHead(200).end('ignored');
      return;
    }
    const [, project] = event.id.split('#')[0]!.split('/');
    const review = verdict(event.data.annotations);
    fetch(`${api}/${workspace}/${project}/jobs/${event.job}/images/${event.image}/review`, {
      method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'idempotency-key': event.id.replace(/[^A-Za-z0-9_-]/g, '_') },
      body: JSON.stringify(review),
    }).then(async (answer) => {
      // 200, or 409 when someone reviewed it first: either way this event is dealt with.
      if (answer.ok || answer.status === 409) seen.add(event.id);
      console.log(`${event.image}: ${review.decision}${'reason' in review ? ` (${review.reason})` : ''} → ${answer.status}`);
      res.writeHead(answer.ok || answer.status === 409 ? 200 : 502).end();
    }, (err: Error) => res.writeHead(502).end(err.message));
  });
}).listen(Number(env('PORT', '8787')), () => console.log('automated review listening'));
