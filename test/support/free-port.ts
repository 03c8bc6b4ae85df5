import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** The first port the kernel hands to outgoing connections (Linux: 32768 unless configured). */
function ephemeralLow(): number {
  const range = '/proc/sys/net/ipv4/ip_local_port_range';
  const low = existsSync(range) ? Number(readFileSync(range, 'utf8').trim().split(/\s+/)[0]) : NaN;
  return Number.isInteger(low) && low > 13_000 ? low : 32_768;
}

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * A port that is free now, below the ephemeral range. `listen(0)` would give one inside it, and
 * between this check and the bind that follows (seconds, in the restart tests) any process's
 * outgoing connection could take that port as its own: EADDRINUSE, now and then, under load.
 */
export async function freePort(): Promise<number> {
  const high = ephemeralLow();
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = high - 12_000 + Math.floor(Math.random() * 12_000);
    if (await bindable(port)) return port;
  }
  throw new Error(`no free port in ${high - 12_000}–${high - 1}`);
}
