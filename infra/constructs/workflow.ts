import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ArnFormat, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Grant, PolicyStatement, Role, ServicePrincipal, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { aslPlaceholders, aslTasks, substitute } from '../asl.ts';
import { acknowledgeNag } from '../grants.ts';

export interface WorkflowProps {
  /** Fixed name, so the machine's ARN is known before it exists (see stateMachineArn). */
  readonly stateMachineName: string;
  /** The ASL file (workflows/*.asl.json), deployed unchanged. */
  readonly aslPath: URL;
  /** Values of its `${Name}` placeholders; the machine's own ARN is added as `selfArnKey`. */
  readonly substitutions: Record<string, string>;
  /** Placeholder under which the ASL refers to its own machine (to start its next execution). */
  readonly selfArnKey?: string;
}

/** The state machine ARN for a name in this stack's account and region. */
export function stateMachineArnOf(scope: Construct, name: string): string {
  return Stack.of(scope).formatArn({
    service: 'states',
    resource: 'stateMachine',
    resourceName: name,
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
}

/**
 * One Standard state machine from an ASL file: its placeholders filled by
 * definitionSubstitutions, its role allowed exactly the Task integrations the ASL contains
 * (read from the file, see infra/asl.ts), logging every event (without payloads) and
 * tracing with X-Ray. A second machine (the yearly-review fan-out) is one more instance.
 */
export class Workflow extends Construct {
  readonly stateMachine: StateMachine;
  readonly role: Role;
  readonly stateMachineName: string;
  /**
   * Built from the fixed name rather than read from the resource: the definition, the role
   * and the task functions all need it, and a reference to the resource would make each of
   * them a circular dependency.
   */
  readonly stateMachineArn: string;

  constructor(scope: Construct, id: string, props: WorkflowProps) {
    super(scope, id);
    this.stateMachineName = props.stateMachineName;
    this.stateMachineArn = stateMachineArnOf(this, props.stateMachineName);

    const asl = readFileSync(fileURLToPath(props.aslPath), 'utf8');
    const substitutions = { ...props.substitutions, ...(props.selfArnKey ? { [props.selfArnKey]: this.stateMachineArn } : {}) };
    // Fail the synth, not the deployment, when the ASL gains a placeholder nobody fills.
    const placeholders = aslPlaceholders(asl);
    const missing = placeholders.filter((key) => !(key in substitutions));
    const unused = Object.keys(substitutions).filter((key) => !placeholders.includes(key));
    if (missing.length > 0 || unused.length > 0) {
      throw new Error(
        `${props.aslPath.pathname}: unfilled placeholders [${missing.join(', ')}], unused substitutions [${unused.join(', ')}]`,
      );
    }

    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('states.amazonaws.com').withConditions({
        StringEquals: { 'aws:SourceAccount': Stack.of(this).account },
      }),
      description: `Runs the ${props.stateMachineName} state machine`,
    });
    const tasks = aslTasks(JSON.parse(asl) as { States: Record<string, Record<string, unknown>> });
    const targets = (integration: string) => [
      ...new Set(tasks.filter((t) => t.integration === integration).map((t) => substitute(t.target, substitutions))),
    ];
    const invoked = targets('lambda:invoke');
    if (invoked.length > 0) this.role.addToPolicy(new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: invoked }));
    const started = targets('states:startExecution');
    if (started.length > 0) this.role.addToPolicy(new PolicyStatement({ actions: ['states:StartExecution'], resources: started }));

    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineName: props.stateMachineName,
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromString(asl),
      definitionSubstitutions: substitutions,
      role: this.role,
      tracingEnabled: true,
      logs: {
        // The vendedlogs prefix keeps CloudWatch's resource policy small (AWS guidance).
        destination: new LogGroup(this, 'Logs', {
          logGroupName: `/aws/vendedlogs/states/${props.stateMachineName}`,
          retention: RetentionDays.THREE_MONTHS,
          removalPolicy: RemovalPolicy.DESTROY,
        }),
        // Every event, for the audit of a run; payloads stay out (they carry task tokens).
        level: LogLevel.ALL,
        includeExecutionData: false,
      },
    });
    acknowledgeNag(
      this.role,
      'AwsSolutions-IAM5[Resource::*]',
      'Log delivery (logs:*LogDelivery, PutResourcePolicy, Describe*) and X-Ray (PutTraceSegments, ' +
        'PutTelemetryRecords, GetSampling*) do not support resource-level permissions: AWS requires "*".',
    );
  }

  /** Starting executions of this machine (StartExecution is authorized on the machine). */
  grantStartExecution(grantee: IGrantable): Grant {
    return Grant.addToPrincipal({ grantee, actions: ['states:StartExecution'], resourceArns: [this.stateMachineArn] });
  }

  /**
   * Answering its callback tokens. Step Functions authorizes SendTask* against the state
   * machine the token belongs to; only success is sent (a decision or a release).
   */
  grantTaskSuccess(grantee: IGrantable): Grant {
    return Grant.addToPrincipal({ grantee, actions: ['states:SendTaskSuccess'], resourceArns: [this.stateMachineArn] });
  }

  /** Asking whether a token is still awaited (SendTaskHeartbeat; no HeartbeatSeconds is set, so it changes nothing). */
  grantTaskHeartbeat(grantee: IGrantable): Grant {
    return Grant.addToPrincipal({ grantee, actions: ['states:SendTaskHeartbeat'], resourceArns: [this.stateMachineArn] });
  }
}
