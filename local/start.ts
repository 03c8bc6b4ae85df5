import { resolve } from 'node:path';
import * as z from 'zod';
import { RuntimeStartError } from './runtime-errors.ts';
import { startRuntime } from './runtime.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './seed-demo.ts';

/** `npm start`: the whole app on this machine. Configuration through environment variables. */
const ConfigSchema = z.object({
  /** Where the web app listens. DynamoDB Local and Step Functions always listen on 127.0.0.1 only. */
  HOST: z.union([z.ipv4(), z.ipv6(), z.hostname()]).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  SFN_PORT: z.coerce.number().int().min(0).max(65535).default(8083),
  DYNAMODB_PORT: z.coerce.number().int().min(0).max(65535).default(8000),
  /** The local mail catcher (SMTP on 127.0.0.1): notifications are kept in DATA_DIR/mail, listed on /admin/mail. */
  MAIL_PORT: z.coerce.number().int().min(0).max(65535).default(2525),
  DATA_DIR: z.string().default('.data'),
  TABLE_NAME: z.string().default('dan-van-kheo'),
});

const isLoopback = (host: string) => host === 'localhost' || host === '::1' || host.startsWith('127.');

async function main() {
  const parsed = ConfigSchema.safeParse(process.env);
  if (!parsed.success) {
    console.error(
      `Cấu hình không hợp lệ / invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
    process.exit(2);
  }
  const config = parsed.data;
  const started = Date.now();
  const runtime = await startRuntime({
    host: config.HOST,
    webPort: config.PORT,
    sfnPort: config.SFN_PORT,
    dynamoPort: config.DYNAMODB_PORT,
    dataDir: resolve(config.DATA_DIR),
    tableName: config.TABLE_NAME,
    mailPort: config.MAIL_PORT,
  });
  // Handlers before the banner: whoever reads "Ctrl-C" may send a signal at once, and a signal
  // that comes before its handler takes the default action (the process dies without stopping Java).
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: đang dừng / stopping...`);
    await runtime.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  console.log(`
Dân vận khéo đang chạy / is running (${((Date.now() - started) / 1000).toFixed(1)} s)
  Web:            ${runtime.webUrl}/sign-in${isLoopback(config.HOST) ? '' : `  (HOST=${config.HOST}: reachable from other machines, over plain HTTP, with the demo accounts below)`}
  API docs:       ${runtime.webUrl}/openapi.json
  Step Functions: ${runtime.sfnEndpoint}
  DynamoDB Local: ${runtime.dynamoEndpoint}  (data in ${resolve(config.DATA_DIR)})
  Thư / mail:     smtp://127.0.0.1:${runtime.mail.port} → ${runtime.mail.folder}, ${runtime.webUrl}/admin/mail
  Sơ kết năm tự động / next yearly review: ${runtime.nextReview.toISOString()} (07:00 15/12, Asia/Ho_Chi_Minh)
${runtime.seeded ? '  Demo data created.' : '  Existing data kept.'}
Tài khoản demo / demo accounts (local only), password "${DEMO_PASSWORD}":
${DEMO_ACCOUNTS.map((a) => `  ${a.username.padEnd(16)} ${a.role.padEnd(6)} ${a.displayName}`).join('\n')}
Ctrl-C để dừng / to stop.`);
}

main().catch((error: unknown) => {
  if (error instanceof RuntimeStartError) {
    console.error(error.message);
    process.exit(error.exitCode);
  }
  console.error(error);
  process.exit(1);
});
