import { resolve } from 'node:path';
import { startRuntime } from './runtime.ts';
import { quangNinhPlan } from './quang-ninh-plan.ts';
import { seedAtScale } from './seed-scale.ts';

function bar(phase: string, done: number, total: number): string {
  const width = 30;
  const filled = Math.round((done / Math.max(total, 1)) * width);
  return `\r${phase.padEnd(34)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
}

/** `npm run seed:quang-ninh`: runs the local stack on the usual data folder, seeds, and stops. */
async function main() {
  const runtime = await startRuntime({
    webPort: Number(process.env.PORT ?? 3000),
    sfnPort: Number(process.env.SFN_PORT ?? 8083),
    dynamoPort: Number(process.env.DYNAMODB_PORT ?? 8000),
    dataDir: resolve(process.env.DATA_DIR ?? '.data'),
    tableName: process.env.TABLE_NAME ?? 'dan-van-kheo',
  });
  const started = Date.now();
  let last = '';
  try {
    await seedAtScale(runtime.webDeps, quangNinhPlan(runtime.webDeps.now()), (phase, done, total) => {
      if (last && !last.startsWith(`\r${phase}`)) process.stdout.write('\n');
      last = bar(phase, done, total);
      process.stdout.write(last);
    });
    process.stdout.write(
      `\nXong / done in ${Math.round((Date.now() - started) / 1000)} s. Start the app with npm start and open /statistics.\n`,
    );
  } finally {
    await runtime.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
