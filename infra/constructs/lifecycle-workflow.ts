import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ArnFormat, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Grant, type IGrantable, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { LIFECYCLE_ASL_PATH, LIFECYCLE_FUNCTIONS, type LifecycleFunctionKey } from '../../workflows/lifecycle-functions.ts';
import { AppFunction } from './app-function.ts';

export interface LifecycleWorkflowProps {
  readonly table: ITableV2;
  /** Fixed name, so the machine's ARN is known before it exists (see stateMachineArn). */
  readonly stateMachineName: string;
}

/** The `${Name}` placeholders an ASL document expects in definitionSubstitutions. */
export function aslPlaceholders(asl: string): string[] {
  return [...new Set([...asl.matchAll(/\$\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1] as string))];
}

/**
 * The model lifecycle: one Lambda per LIFECYCLE_FUNCTIONS entry and the Standard state
 * machine defined by workflows/model-lifecycle.asl.json, unchanged, with its placeholders
 * filled by definitionSubstitutions.
 */
export class LifecycleWorkflow extends Construct {
  readonly functions: Record<LifecycleFunctionKey, AppFunction>;
  readonly stateMachine: StateMachine;
  /**
   * Built from the fixed name rather than read from the resource: the machine's own
   * definition, its role and the open-task function all need it, and a reference to the
   * resource would make each of them a circular dependency.
   */
  readonly stateMachineArn: string;
  readonly executionArns: string;
  readonly stateMachineName: string;

  constructor(scope: Construct, id: string, props: LifecycleWorkflowProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const name = props.stateMachineName;
    this.stateMachineName = name;
    const arnOf = (resource: string, resourceName: string) =>
      stack.formatArn({ service: 'states', resource, resourceName, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    this.stateMachineArn = arnOf('stateMachine', name);
    this.executionArns = arnOf('execution', `${name}:*`);

    const entries = Object.entries(LIFECYCLE_FUNCTIONS) as Array<[LifecycleFunctionKey, string]>;
    this.functions = Object.fromEntries(
      entries.map(([key, handlerName]) => {
        const fn = new AppFunction(this, key.replace(/FunctionArn$/, ''), {
          handlerName,
          description: `Lifecycle task ${handlerName}`,
          environment: { TABLE_NAME: props.table.tableName },
        });
        props.table.grantReadWriteData(fn.fn);
        return [key, fn];
      }),
    ) as Record<LifecycleFunctionKey, AppFunction>;

    // open-task writes the pending task and answers tokens that can no longer be used.
    const openTask = this.functions.OpenTaskFunctionArn.fn;
    openTask.addEnvironment('STATE_MACHINE_ARN', this.stateMachineArn);
    this.grantExecutions(openTask, 'states:SendTaskSuccess', 'states:SendTaskFailure');

    const asl = readFileSync(fileURLToPath(LIFECYCLE_ASL_PATH), 'utf8');
    const definitionSubstitutions: Record<string, string> = {
      ...Object.fromEntries(entries.map(([key]) => [key, this.functions[key].fn.functionArn])),
      LifecycleStateMachineArn: this.stateMachineArn,
    };
    // Fail the synth, not the deployment, when the ASL gains a placeholder nobody fills.
    const missing = aslPlaceholders(asl).filter((key) => !(key in definitionSubstitutions));
    if (missing.length > 0) {
      throw new Error(`${LIFECYCLE_ASL_PATH.pathname} has unfilled placeholders: ${missing.join(', ')}`);
    }

    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineName: name,
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromString(asl),
      definitionSubstitutions,
      role: this.createRole(),
      tracingEnabled: true,
      logs: {
        // The vendedlogs prefix keeps CloudWatch's resource policy small (AWS guidance).
        destination: new LogGroup(this, 'Logs', {
          logGroupName: `/aws/vendedlogs/states/${name}`,
          retention: RetentionDays.THREE_MONTHS,
          removalPolicy: RemovalPolicy.DESTROY,
        }),
        level: LogLevel.ERROR,
        includeExecutionData: false,
      },
    });
  }

  /** Allows `actions` on this state machine and on its executions. */
  grantExecutions(grantee: IGrantable, ...actions: string[]): Grant {
    return Grant.addToPrincipal({ grantee, actions, resourceArns: [this.stateMachineArn, this.executionArns] });
  }

  /** Least privilege for the machine: invoke exactly its functions, start its own next cycle. */
  private createRole(): Role {
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('states.amazonaws.com').withConditions({
        StringEquals: { 'aws:SourceAccount': Stack.of(this).account },
      }),
      description: `Runs the ${this.stateMachineName} state machine`,
    });
    role.addToPolicy(
      new PolicyStatement({
        actions: ['lambda:InvokeFunction'],
        resources: Object.values(this.functions).map((f) => f.fn.functionArn),
      }),
    );
    role.addToPolicy(new PolicyStatement({ actions: ['states:StartExecution'], resources: [this.stateMachineArn] }));
    return role;
  }
}
