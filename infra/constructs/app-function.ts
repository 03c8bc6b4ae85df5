import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { repoPath } from '../paths.ts';

/** Env var names the handlers read; a closed set so a typo fails type-checking here. */
export type FunctionEnvName = 'TABLE_NAME' | 'STATE_MACHINE_ARN' | 'SESSION_SECRET_ARN';
export type FunctionEnvironment = Partial<Record<FunctionEnvName, string>>;

export interface AppFunctionProps {
  /** Handler base name: bundles functions/<handlerName>-handler.ts (export `handler`). */
  readonly handlerName: string;
  readonly description?: string;
  readonly environment?: FunctionEnvironment;
  readonly memorySize?: number;
  readonly timeout?: Duration;
  readonly logRetention?: RetentionDays;
}

// ESM bundles have no `require`: a bundled CommonJS dependency that requires a Node
// built-in would throw "Dynamic require of ... is not supported" without this.
const REQUIRE_BANNER =
  "import { createRequire as __appCreateRequire } from 'node:module'; const require = __appCreateRequire(import.meta.url);";

/**
 * Every Lambda of the app: Node.js 24 on arm64, an ESM bundle made by the local esbuild
 * (never Docker), and its own log group with a retention period.
 */
export class AppFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    super(scope, id);

    // Logs are diagnostics (the table holds the audit trail): bounded retention, and
    // removed with the stack instead of being orphaned.
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.fn = new NodejsFunction(this, 'Function', {
      entry: repoPath(`functions/${props.handlerName}-handler.ts`),
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(30),
      logGroup: this.logGroup,
      projectRoot: repoPath('.'),
      depsLockFilePath: repoPath('package-lock.json'),
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: props.handlerName,
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node24',
        mainFields: ['module', 'main'],
        // Bundle the AWS SDK too: the pinned version from package-lock.json runs on AWS,
        // exactly as it does locally, instead of whatever the runtime ships.
        externalModules: [],
        minify: true,
        keepNames: true,
        sourceMap: true,
        sourcesContent: false,
        tsconfig: repoPath('tsconfig.json'),
        banner: REQUIRE_BANNER,
        forceDockerBundling: false,
      },
    });
  }
}
