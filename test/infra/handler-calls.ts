import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { TABLE_KEYS } from '../../core/table.ts';
import { HANDLER_ENV, type HandlerName } from '../../functions/shared/env.ts';

/**
 * What each handler can call, read from its own bundle: esbuild follows the imports from
 * functions/<name>-handler.ts and drops the code the handler cannot reach (tree shaking),
 * packages stay external, so what is left is the app's own code. In it we find the AWS
 * SDK commands it sends (`new GetCommand(`...), the items of its DynamoDB transactions,
 * the indexes it queries and its secret reads, and translate them into IAM actions.
 *
 * Limits: a command built without `new XCommand(` (e.g. aggregated clients) or an SDK
 * call made inside a package is not seen; the scan fails on a command it cannot map.
 */
export interface HandlerCalls {
  /** IAM actions, e.g. `dynamodb:GetItem`, `states:SendTaskSuccess`. */
  readonly actions: Set<string>;
  /** Indexes queried by name, or every index when a name is computed. */
  readonly indexes: Set<string>;
}

const COMMANDS: Record<string, string[]> = {
  // @aws-sdk/lib-dynamodb and @aws-sdk/client-dynamodb
  Get: ['dynamodb:GetItem'],
  GetItem: ['dynamodb:GetItem'],
  Put: ['dynamodb:PutItem'],
  PutItem: ['dynamodb:PutItem'],
  Update: ['dynamodb:UpdateItem'],
  UpdateItem: ['dynamodb:UpdateItem'],
  Delete: ['dynamodb:DeleteItem'],
  DeleteItem: ['dynamodb:DeleteItem'],
  Query: ['dynamodb:Query'],
  Scan: ['dynamodb:Scan'],
  BatchGet: ['dynamodb:BatchGetItem'],
  BatchGetItem: ['dynamodb:BatchGetItem'],
  BatchWrite: ['dynamodb:BatchWriteItem'],
  BatchWriteItem: ['dynamodb:BatchWriteItem'],
  TransactGet: ['dynamodb:GetItem'],
  TransactGetItems: ['dynamodb:GetItem'],
  // Authorized item by item (below).
  TransactWrite: [],
  TransactWriteItems: [],
  // @aws-sdk/client-sfn
  StartExecution: ['states:StartExecution'],
  SendTaskSuccess: ['states:SendTaskSuccess'],
  SendTaskFailure: ['states:SendTaskFailure'],
  SendTaskHeartbeat: ['states:SendTaskHeartbeat'],
  DescribeExecution: ['states:DescribeExecution'],
  GetExecutionHistory: ['states:GetExecutionHistory'],
  ListExecutions: ['states:ListExecutions'],
  StopExecution: ['states:StopExecution'],
  // @aws-sdk/client-s3
  GetObject: ['s3:GetObject'],
  HeadObject: ['s3:GetObject'],
  PutObject: ['s3:PutObject'],
  DeleteObject: ['s3:DeleteObject'],
  ListObjectsV2: ['s3:ListBucket'],
  // @aws-sdk/client-secrets-manager
  GetSecretValue: ['secretsmanager:GetSecretValue'],
  SendEmail: ['ses:SendEmail'],
};

const TRANSACTION_ITEMS: Record<string, string> = {
  Put: 'dynamodb:PutItem',
  Update: 'dynamodb:UpdateItem',
  Delete: 'dynamodb:DeleteItem',
  ConditionCheck: 'dynamodb:ConditionCheckItem',
};

export function callsInBundle(code: string): HandlerCalls {
  const actions = new Set<string>();
  const indexes = new Set<string>();
  // `new GetCommand(`, `new GetCommand2(` (renamed by the bundler), `new sdk.GetCommand(`.
  for (const [, name] of code.matchAll(/new (?:[\w$]+\.)?([A-Z]\w*?)Command\d*\(/g)) {
    const mapped = COMMANDS[name as string];
    if (!mapped) throw new Error(`unknown AWS SDK command ${name}Command: map it in test/infra/handler-calls.ts`);
    mapped.forEach((a) => actions.add(a));
  }
  if (/new (?:[\w$]+\.)?TransactWrite(?:Items)?Command\d*\(/.test(code)) {
    for (const [, item] of code.matchAll(/\b(Put|Update|Delete|ConditionCheck)\s*:\s*\{/g)) actions.add(TRANSACTION_ITEMS[item as string]!);
  }
  if (/\bgetSecret\d*\(/.test(code)) actions.add('secretsmanager:GetSecretValue');
  for (const [, value] of code.matchAll(/\bIndexName\s*:\s*([^,}\n]+)/g)) {
    const literal = /^["'](\w+)["']$/.exec((value as string).trim());
    if (literal) indexes.add(literal[1] as string);
    else TABLE_KEYS.indexes.forEach((index) => indexes.add(index.name));
  }
  return { actions, indexes };
}

/** Bundles every handler of HANDLER_ENV (in a few hundred milliseconds) and scans each. */
export async function handlerCalls(): Promise<Record<HandlerName, HandlerCalls>> {
  const names = Object.keys(HANDLER_ENV) as HandlerName[];
  const result = await build({
    entryPoints: Object.fromEntries(
      names.map((name) => [name, fileURLToPath(new URL(`../../functions/${name}-handler.ts`, import.meta.url))]),
    ),
    absWorkingDir: fileURLToPath(new URL('../..', import.meta.url)),
    bundle: true,
    write: false,
    outdir: 'out',
    platform: 'node',
    format: 'esm',
    target: 'node24',
    packages: 'external',
    logLevel: 'silent',
  });
  const byName = new Map(result.outputFiles.map((file) => [file.path.replace(/^.*[\\/]/, '').replace(/\.js$/, ''), file.text]));
  return Object.fromEntries(names.map((name) => [name, callsInBundle(byName.get(name) ?? '')])) as Record<HandlerName, HandlerCalls>;
}
