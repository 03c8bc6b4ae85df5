import { createServer } from 'node:net';
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../local/dynamodb-local.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** One in-memory DynamoDB Local for the whole run; each test file uses its own tables. */
export default async function setup(project: TestProject) {
  const dynamo = await startDynamoDbLocal(await freePort());
  project.provide('dynamoEndpoint', dynamo.endpoint);
  return async () => dynamo.stop();
}
