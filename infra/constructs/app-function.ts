import { copyFileSync, cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AssetHashType, DockerImage, Duration, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import * as z from 'zod/mini';
import { HANDLER_ENV, LOCAL_ONLY_ENV, METRICS_NAMESPACE, type DeployedEnv, type HandlerName } from '../../functions/shared/env.ts';
import { timeoutSecondsOf } from '../../functions/shared/timeouts.ts';
import { isAlive } from '../../core/process-alive.ts';
import { repoPath } from '../paths.ts';

export interface AppFunctionProps<N extends HandlerName> {
  /** Handler base name: bundles functions/<handlerName>-handler.ts (export `handler`). */
  readonly handlerName: N;
  readonly description: string;
  /** Typed from the handler's zod schema (HANDLER_ENV), and checked against it at synth. */
  readonly environment: DeployedEnv<N>;
  readonly memorySize?: number;
  /** Only to differ from the handler's entry in FUNCTION_TIMEOUT_SECONDS (functions/shared/timeouts.ts). */
  readonly timeout?: Duration;
  readonly logRetention?: RetentionDays;
  /**
   * Files read from disk at run time, copied next to the bundle (index.mjs): name in the
   * bundle -> path relative to the repository (e.g. Chart.js's script from node_modules).
   * A plain copy after esbuild, so the synth installs nothing and needs no network.
   */
  readonly bundledFiles?: Readonly<Record<string, string>>;
}

/**
 * Checks a deployed environment against the handler's schema at synth time. Values that
 * are tokens (ARNs, names of resources yet to exist) can only be checked for presence.
 */
export function checkEnvironment(schema: z.core.$ZodType, environment: Record<string, string | undefined>): void {
  const local = LOCAL_ONLY_ENV.filter((key) => environment[key] !== undefined);
  if (local.length > 0) throw new Error(`Invalid environment: ${local.join(', ')} is for local runs only`);
  const parsed = z.safeParse(schema, environment);
  if (parsed.success) return;
  const problems = parsed.error.issues.filter((issue) => {
    const key = issue.path[0];
    return !(typeof key === 'string' && Token.isUnresolved(environment[key]));
  });
  if (problems.length > 0) {
    throw new Error(`Invalid environment: ${problems.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
}

/**
 * Every Lambda of the app: Node.js 24 on arm64, an ESM bundle made by the local esbuild
 * (never Docker), its own log group with a retention period, and its own role that may
 * only write to that log group until a construct grants what the handler calls.
 */
export class AppFunction<N extends HandlerName = HandlerName> extends Construct {
  readonly fn: LambdaFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;
  readonly handlerName: N;

  constructor(scope: Construct, id: string, props: AppFunctionProps<N>) {
    super(scope, id);
    this.handlerName = props.handlerName;
    const environment = props.environment as Record<string, string | undefined>;
    checkEnvironment(HANDLER_ENV[props.handlerName], environment);
    const bundledFiles = Object.entries(props.bundledFiles ?? {});
    for (const [name, source] of bundledFiles) {
      if (!/^[\w.-]+$/.test(name)) throw new Error(`${props.handlerName}: bundled file name ${name} must be a plain file name`);
      if (!existsSync(repoPath(source))) throw new Error(`${props.handlerName}: bundled file ${source} does not exist (npm ci?)`);
    }

    // Logs are diagnostics (the table holds the audit trail): bounded retention, and
    // removed with the stack instead of being orphaned.
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention ?? RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // Our own role instead of the default one with the AWS-managed
    // AWSLambdaBasicExecutionRole policy, which may write to any log group.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com').withConditions({
        StringEquals: { 'aws:SourceAccount': Stack.of(this).account },
      }),
      description: `Runs the ${props.handlerName} function`,
    });
    this.logGroup.grantWrite(this.role);

    this.fn = new LambdaFunction(this, 'Function', {
      code: bundledCode(props.handlerName, bundledFiles),
      handler: 'index.handler',
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(timeoutSecondsOf(props.handlerName)),
      role: this.role,
      logGroup: this.logGroup,
      environment: {
        // No --enable-source-maps: Node then reads each bundle's map at load, 30 ms of the web
        // function's cold start (bench/bundles.ts). The maps ship beside the bundles; to map a
        // function's (minified) stack traces while investigating, add
        // NODE_OPTIONS=--enable-source-maps to it (README, "Deploy").
        POWERTOOLS_SERVICE_NAME: props.handlerName,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        ...Object.fromEntries(Object.entries(environment).filter((entry): entry is [string, string] => entry[1] !== undefined)),
      },
    });
  }
}

let bundled: string | undefined;
const BUNDLES_PREFIX = 'dvk-bundles-';

/**
 * Every handler bundled once per synth (infra/bundling/bundle-cli.ts), on the first function
 * CDK bundles: one process and parallel builds instead of a process per function, one after
 * the other. The folder goes when the process exits; one left by a killed process (a test
 * worker) goes at the next synth.
 */
function bundlesOfThisSynth(): string {
  if (bundled && existsSync(bundled)) return bundled;
  for (const name of readdirSync(tmpdir())) {
    const pid = Number(name.slice(BUNDLES_PREFIX.length).split('-')[0]);
    if (name.startsWith(BUNDLES_PREFIX) && pid > 0 && !isAlive(pid)) rmSync(join(tmpdir(), name), { recursive: true, force: true });
  }
  const dir = mkdtempSync(join(tmpdir(), `${BUNDLES_PREFIX}${process.pid}-`));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const run = spawnSync(process.execPath, ['--import', 'tsx', repoPath('infra/bundling/bundle-cli.ts'), dir], {
    cwd: repoPath('.'),
    stdio: 'inherit',
  });
  if (run.status !== 0) throw new Error(`bundling the functions failed (exit ${run.status ?? run.signal})`);
  bundled = dir;
  return dir;
}

/**
 * The function's code: infra/bundling/bundle.ts run by the local esbuild at synth (never
 * Docker: the image is only the fallback CDK's API asks for), then the files the handler
 * reads at run time copied beside index.mjs. The asset hash is the output's, as
 * NodejsFunction's is; a synth that skips bundling (the tests) hashes nothing.
 */
function bundledCode(handlerName: string, bundledFiles: ReadonlyArray<readonly [string, string]>): Code {
  const entry = `functions/${handlerName}-handler.ts`;
  return Code.fromAsset(repoPath('.'), {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      image: DockerImage.fromRegistry('public.ecr.aws/sam/build-nodejs24.x'),
      // CDK reuses a bundling result for the same source and bundling options, and tryBundle (a
      // function) is not part of that key: what tells the functions apart must be a plain value.
      environment: { ENTRY: entry, BUNDLED_FILES: JSON.stringify(bundledFiles) },
      local: {
        tryBundle(outputDir) {
          cpSync(join(bundlesOfThisSynth(), handlerName), outputDir, { recursive: true });
          for (const [name, source] of bundledFiles) copyFileSync(repoPath(source), join(outputDir, name));
          return true;
        },
      },
    },
  });
}
