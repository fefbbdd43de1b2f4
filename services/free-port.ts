import { createServer } from 'node:net';

/**
 * Below Linux's ephemeral range (32768–60999 by default): ports the kernel hands out on its own, to a
 * server asking for port 0 (the Temporal dev server's HTTP and metrics ports) or to an outgoing
 * connection, never come from here, so a port chosen now is not taken by one of those before its
 * server binds it.
 */
const range = { from: 10_000, to: 32_768 };

/** Whether `port` can be bound on 127.0.0.1 right now. */
function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/**
 * Returns a TCP port on 127.0.0.1 that was free a moment ago, for a child process to take. There is a
 * small race window with other callers choosing at the same time, which callers that spawn servers
 * accept (they fail loudly if the port was grabbed meanwhile).
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = range.from + Math.floor(Math.random() * (range.to - range.from));
    if (await bindable(port)) return port;
  }
  throw new Error(`could not find a free TCP port in ${range.from}–${range.to - 1}`);
}
