import { existsSync, readFileSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DEFAULT_TIMEOUTS, type StepTimeouts } from '../core/deps.ts';
import { createDocumentClient } from '../core/store/dynamo.ts';
import { logError } from '../core/redact.ts';
import { createTableInput } from '../core/table.ts';
import { deliverOutbox } from '../core/use-cases/deliver-result.ts';
import { createApp } from '../web/app.ts';
import type { WebDeps } from '../web/web-deps.ts';
import { ensureTable, startDynamoDbLocal, stopOrphanedDynamoDbLocal } from './dynamodb-local.ts';
import { FolderEvidenceStore, evidenceFolder } from './folder-evidence-store.ts';
import { IMPORT_ARN, LIFECYCLE_ARN, LOCAL_REGION, REVIEW_ARN, loadLifecycleHandlers, loadMachines } from './local-lifecycle.ts';
import { RuntimeStartError } from './runtime-errors.ts';
import { seedDemo } from './seed-demo.ts';
import { startMailCatcher, type MailCatcher } from './mail-catcher.ts';
import { notificationRounds } from './notification-rounds.ts';
import { startYearlyScheduler } from './yearly-scheduler.ts';
import { SYSTEM } from '../core/actor.ts';
import { startYearlyReview } from '../core/use-cases/start-review.ts';
import { reviewYearOf } from '../workflows/yearly-review-schedule.ts';
import { LocalStepFunctions } from './sfn/local-step-functions.ts';
import { upgradeV1Executions } from '../core/use-cases/upgrade-executions.ts';
import { createSfnHttpServer } from './sfn/sfn-http-server.ts';
import { localSfnCredentials, sfnKeyFile } from './sfn/sfn-auth.ts';
import { ensurePrivateDir, preparePrivateDataDir, writePrivateFile, type DataDirLayout } from './private-files.ts';
import { SfnStore } from './sfn/sfn-store.ts';
import { timeoutSecondsOf } from '../functions/shared/timeouts.ts';

export type RuntimeConfig = {
  webPort: number;
  /** Where the web app listens (`HOST`); default 127.0.0.1. DynamoDB Local and Step Functions always listen on 127.0.0.1. */
  host?: string;
  sfnPort: number;
  /** DynamoDB Local's port when we start it; ignored when `dynamoEndpoint` is given. */
  dynamoPort: number;
  /** Use an already running DynamoDB Local (tests share one). */
  dynamoEndpoint?: string;
  /** Where DynamoDB Local keeps its file; none = in memory. */
  dataDir?: string;
  tableName: string;
  timeouts?: StepTimeouts;
  timerIntervalMs?: number;
  /** The engine's maximum execution duration (AWS: 1 year, the default). */
  maxExecutionSeconds?: number;
  seed?: boolean;
  /** The local mail catcher's SMTP port on 127.0.0.1 (npm start: MAIL_PORT, default 2525; absent or 0: any free port). */
  mailPort?: number;
  /** The address links in mail point at (default: the web app's own URL). */
  baseUrl?: string;
};

export type Runtime = {
  nextReview: Date;
  webUrl: string;
  sfnEndpoint: string;
  dynamoEndpoint: string;
  webDeps: WebDeps;
  sfn: LocalStepFunctions;
  seeded: boolean;
  /** The local mail catcher (messages kept under DATA_DIR/mail) and the notification rounds, run now. */
  mail: MailCatcher & { dispatch(): Promise<number>; digest(): Promise<number> };
  stop(): Promise<void>;
};

export const LOOPBACK = '127.0.0.1';

/** Probes the address the service will listen on. */
async function assertPortFree(port: number, what: string, host = LOOPBACK): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new RuntimeStartError(
              `Cổng ${port} đang được dùng / port ${port} (${what}) is already in use: stop the other program or set another port`,
              4,
            )
          : error,
      ),
    );
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

const isWildcard = (host: string) => host === '0.0.0.0' || host === '::';
/** The URL to reach a server listening on `host` (a wildcard is reached through loopback). */
function urlOf(host: string, port: number): string {
  const reach = isWildcard(host) ? LOOPBACK : host;
  return `http://${reach.includes(':') ? `[${reach}]` : reach}:${port}`;
}

/** Kept in the data folder (secrets/session-secret, 0600) so sessions survive a restart; fresh for in-memory runs. */
function sessionSecret(layout?: DataDirLayout): string {
  if (!layout) return randomBytes(32).toString('hex');
  const file = join(layout.secrets, 'session-secret');
  if (!existsSync(file)) writePrivateFile(file, randomBytes(32).toString('hex'));
  return readFileSync(file, 'utf8').trim();
}

/**
 * The whole app on one machine: DynamoDB Local, the local Step Functions service running
 * the lifecycle ASL with the real handlers, and the web app. Same code as on AWS; only
 * endpoints differ (set through the SDK's AWS_ENDPOINT_URL_* variables).
 */
export async function startRuntime(config: RuntimeConfig): Promise<Runtime> {
  const host = config.host ?? LOOPBACK;
  await assertPortFree(config.webPort, 'web', host);
  await assertPortFree(config.sfnPort, 'Step Functions');
  const pidFile = config.dataDir ? join(config.dataDir, 'dynamodb-local.pid') : undefined;
  if (!config.dynamoEndpoint && pidFile && (await stopOrphanedDynamoDbLocal(pidFile)))
    console.log('Đã dừng DynamoDB Local do lần chạy trước bỏ lại / stopped the DynamoDB Local an earlier run left behind');
  if (!config.dynamoEndpoint) await assertPortFree(config.dynamoPort, 'DynamoDB Local');
  // DATA_DIR and its folders 0700, secret and database files 0600 (tightened if they were wider).
  const layout = config.dataDir ? preparePrivateDataDir(config.dataDir) : undefined;
  const dynamo = config.dynamoEndpoint ? undefined : await startDynamoDbLocal(config.dynamoPort, layout?.dynamodb, { pidFile });
  const dynamoEndpoint = config.dynamoEndpoint ?? dynamo!.endpoint;
  const cleanup: (() => Promise<unknown>)[] = [async () => dynamo?.stop()];
  try {
    const sfnTable = `${config.tableName}-local-sfn`;
    const rawClient = new DynamoDBClient({
      endpoint: dynamoEndpoint,
      region: LOCAL_REGION,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    await ensureTable(rawClient, createTableInput(config.tableName));
    await ensureTable(rawClient, createTableInput(sfnTable));

    const sfn = new LocalStepFunctions(new SfnStore(createDocumentClient(rawClient), sfnTable), loadMachines(), new Map(), {
      timerIntervalMs: config.timerIntervalMs,
      maxExecutionSeconds: config.maxExecutionSeconds,
    });
    // Only requests signed with this process's local credential are answered (sfn-auth.ts).
    const sfnCredentials = localSfnCredentials();
    const sfnServer = createSfnHttpServer(sfn, { credentials: sfnCredentials, region: LOCAL_REGION });
    const sfnPort = await new Promise<number>((resolve, reject) => {
      sfnServer.once('error', reject);
      sfnServer.listen(
        config.sfnPort,
        LOOPBACK,
        () => (sfnServer.off('error', reject), resolve((sfnServer.address() as AddressInfo).port)),
      );
    });
    cleanup.unshift(() => new Promise((r) => sfnServer.close(r)));
    const sfnEndpoint = urlOf(LOOPBACK, sfnPort);
    // For local tools of the same user (readLocalSfnCredentials): written once the service is ours.
    if (layout) writePrivateFile(sfnKeyFile(layout.root), sfnCredentials.secretAccessKey);
    // The handlers read their environment as on Lambda: point the SDK at the local engines first,
    // with the local credential the Step Functions service checks (DynamoDB Local takes any).
    Object.assign(process.env, {
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: sfnCredentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: sfnCredentials.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: dynamoEndpoint,
      AWS_ENDPOINT_URL_SFN: sfnEndpoint,
      TABLE_NAME: config.tableName,
      // The import's task starts the registration of models imported as registered.
      STATE_MACHINE_ARN: LIFECYCLE_ARN,
    });
    delete process.env.AWS_SESSION_TOKEN;
    for (const [name, handler] of await loadLifecycleHandlers())
      sfn.registerFunction(name, handler, { timeoutSeconds: timeoutSecondsOf(name) });
    const sfnClient = new SFNClient({ endpoint: sfnEndpoint, region: LOCAL_REGION, credentials: sfnCredentials });
    const timeouts = config.timeouts ?? DEFAULT_TIMEOUTS;
    // Executions written by v1 move to the new shape before the engine resumes anything.
    const upgraded = await upgradeV1Executions({
      db: createDocumentClient(rawClient),
      tableName: config.tableName,
      sfn: sfnClient,
      stateMachineArn: LIFECYCLE_ARN,
      timeouts,
      now: () => new Date(),
    });
    if (upgraded.examined > 0)
      console.log(
        `[upgrade] ${upgraded.examined} v1 executions: ${upgraded.resumed} resumed, ${upgraded.rested} resting, ${upgraded.alreadyDone} done`,
      );
    await sfn.start();
    cleanup.unshift(() => sfn.close());

    const webDeps: WebDeps = {
      db: createDocumentClient(rawClient),
      tableName: config.tableName,
      sfn: sfnClient,
      stateMachineArn: LIFECYCLE_ARN,
      reviewStateMachineArn: REVIEW_ARN,
      importStateMachineArn: IMPORT_ARN,
      timeouts,
      now: () => new Date(),
      sessionSecret: sessionSecret(layout),
      secureCookies: false,
      evidence: new FolderEvidenceStore(layout?.evidence ?? ensurePrivateDir(evidenceFolder(join(tmpdir(), `dvk-${config.tableName}`)))),
    };
    const seeded = config.seed === false ? false : await seedDemo(webDeps);
    const catcher = await startMailCatcher(
      layout ? join(layout.root, 'mail') : join(tmpdir(), `dvk-${config.tableName}`, 'mail'),
      config.mailPort ?? 0,
    );
    cleanup.unshift(() => catcher.stop());
    webDeps.mailbox = catcher.mailbox;
    const mail = { ...catcher, ...notificationRounds(webDeps, catcher.mailer, config.baseUrl ?? urlOf(host, config.webPort || 8080)) };
    cleanup.unshift(mail.startTimers());
    // The same yearly schedule EventBridge Scheduler runs on AWS (Asia/Ho_Chi_Minh).
    const scheduler = startYearlyScheduler((scheduledTime) => startYearlyReview(webDeps, SYSTEM, { year: reviewYearOf(scheduledTime) }));
    cleanup.unshift(() => Promise.resolve(scheduler.stop()));
    // One sweep at a time; a stop waits for the one under way (nothing writes after stop()).
    let sweep: Promise<unknown> | undefined;
    const sweeper = setInterval(() => {
      sweep ??= deliverOutbox(webDeps)
        .catch((e: unknown) => logError('[outbox]', e))
        .finally(() => (sweep = undefined));
    }, 5000);
    cleanup.unshift(async () => {
      clearInterval(sweeper);
      await sweep;
    });
    await deliverOutbox(webDeps);

    const web = await new Promise<ServerType>((resolve, reject) => {
      const server = serve(
        { fetch: createApp(webDeps).fetch, port: config.webPort, hostname: host },
        () => (server.off('error', reject), resolve(server)),
      );
      server.once('error', reject);
    });
    cleanup.unshift(() => new Promise((r) => web.close(r)));
    const webUrl = urlOf(host, (web.address() as AddressInfo).port);
    const stop = async () => {
      for (const step of cleanup.splice(0)) await step().catch((e: unknown) => console.error('[stop]', e));
    };
    if (!config.baseUrl) mail.setBaseUrl(webUrl);
    return { nextReview: scheduler.next(), webUrl, sfnEndpoint, dynamoEndpoint, webDeps, sfn, seeded, mail, stop };
  } catch (error) {
    for (const step of cleanup) await step().catch(() => undefined);
    throw error;
  }
}
