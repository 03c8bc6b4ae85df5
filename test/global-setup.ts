import type { TestProject } from 'vitest/node';
import { assertJava, startDynamoDbLocal } from '../local/dynamodb-local.ts';
import { RuntimeStartError } from '../local/runtime-errors.ts';
import { resolveChromium } from './support/chromium-path.ts';
import { freePort } from './support/free-port.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    /** The Chromium the browser tests launch (test/support/chromium-path.ts). */
    chromiumPath: string;
  }
}

/**
 * One in-memory DynamoDB Local for the whole run (each test file uses its own tables), and the
 * browser resolved once. Without Java the run stops at once with `npm start`'s message.
 */
export default async function setup(project: TestProject) {
  try {
    assertJava();
  } catch (error) {
    if (!(error instanceof RuntimeStartError)) throw error;
    console.error(`\n${error.message}\n`);
    process.exit(error.exitCode);
  }
  // Every JVM of the run (this DynamoDB Local, and those of the runtimes and `npm start`s the tests
  // start: they inherit the variable) compiles with C1 only, with the serial collector: a test's
  // DynamoDB Local lives seconds to minutes, and C2's compiler threads cost more CPU than their
  // code saves in that time (six integration files: the JVM's CPU 27 s → 10 s, the files' wall
  // time 39 → 28 s). `npm start` and `npm run bench` keep the JVM's defaults.
  process.env.JAVA_TOOL_OPTIONS = [process.env.JAVA_TOOL_OPTIONS, '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'].filter(Boolean).join(' ');
  const [dynamo, chromium] = await Promise.all([startDynamoDbLocal(await freePort()), resolveChromium()]);
  project.provide('dynamoEndpoint', dynamo.endpoint);
  project.provide('chromiumPath', chromium.path);
  if (chromium.source !== 'system') console.log(`Browser tests use ${chromium.path} (${chromium.source})`);
  return async () => dynamo.stop();
}
