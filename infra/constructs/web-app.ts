import { CfnOutput, Duration } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { FunctionUrlAuthType, InvokeMode, type FunctionUrl } from 'aws-cdk-lib/aws-lambda';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { AppFunction } from './app-function.ts';
import type { LifecycleWorkflow } from './lifecycle-workflow.ts';

export interface WebAppProps {
  readonly table: ITableV2;
  readonly workflow: LifecycleWorkflow;
}

/**
 * The Hono app (API + pages) as one Lambda behind a Function URL. Function URLs are
 * HTTPS-only; the URL is public (auth NONE) because the app checks its own sessions,
 * signed with a secret the stack generates and only this function may read.
 */
export class WebApp extends Construct {
  readonly handler: AppFunction;
  readonly url: FunctionUrl;
  readonly sessionSecret: Secret;

  constructor(scope: Construct, id: string, props: WebAppProps) {
    super(scope, id);

    this.sessionSecret = new Secret(this, 'SessionSecret', {
      description: 'Signs web session cookies',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });

    this.handler = new AppFunction(this, 'Handler', {
      handlerName: 'web',
      description: 'Web app: JSON API and server-rendered pages',
      memorySize: 1024,
      timeout: Duration.seconds(30),
      environment: {
        TABLE_NAME: props.table.tableName,
        STATE_MACHINE_ARN: props.workflow.stateMachineArn,
        SESSION_SECRET_ARN: this.sessionSecret.secretArn,
      },
    });
    const fn = this.handler.fn;
    props.table.grantReadWriteData(fn);
    this.sessionSecret.grantRead(fn);
    props.workflow.grantExecutions(
      fn,
      'states:StartExecution',
      'states:DescribeExecution',
      'states:GetExecutionHistory',
      'states:ListExecutions',
      'states:SendTaskSuccess',
      'states:SendTaskFailure',
    );

    this.url = fn.addFunctionUrl({ authType: FunctionUrlAuthType.NONE, invokeMode: InvokeMode.BUFFERED });
    new CfnOutput(this, 'Url', { value: this.url.url, description: 'Web app URL' });
  }
}
