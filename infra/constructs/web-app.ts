import { Stack } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Grant } from 'aws-cdk-lib/aws-iam';
import { FunctionUrlAuthType, InvokeMode, type FunctionUrl } from 'aws-cdk-lib/aws-lambda';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { TABLE_KEYS } from '../../core/table.ts';
import { OFFICIAL_UNIT_FILE, OFFICIAL_UNIT_SOURCE } from '../../core/official-units.ts';
import { CHART_JS_FILE, CHART_JS_SOURCE } from '../../web/statistics/chart-file.ts';
import { CERTIFICATE_FONTS, TINOS_FILES, tinosSource } from '../../web/decisions/documents/fonts.ts';
import { acknowledgeNag, grantSecretValue, grantTable, nagText } from '../grants.ts';
import { AppFunction } from './app-function.ts';
import type { Workflow } from './workflow.ts';

export interface WebAppProps {
  readonly table: ITableV2;
  readonly lifecycle: Workflow;
  readonly review: Workflow;
  readonly imports: Workflow;
  readonly sessionSecret: ISecret;
  readonly evidenceBucketName: string;
}

/** Evidence files: read, stored and removed one object at a time, never listed. */
export const EVIDENCE_OBJECT_ACTIONS = ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'];

/**
 * The Hono app (API + pages) as one Lambda behind a Function URL. Function URLs are
 * HTTPS-only; the URL is public (auth NONE) because the app checks its own sessions.
 */
export class WebApp extends Construct {
  readonly handler: AppFunction<'web'>;
  readonly url: FunctionUrl;

  constructor(scope: Construct, id: string, props: WebAppProps) {
    super(scope, id);

    this.handler = new AppFunction(this, 'Handler', {
      handlerName: 'web',
      description: 'Web app: JSON API and server-rendered pages',
      memorySize: 1024,
      // The dashboard serves Chart.js's browser build: copied from the project's node_modules
      // next to the bundle (no npm install at synth), where web/statistics/stats-assets.ts reads it;
      // the official list of administrative units too, for the import (core/official-units.ts), and
      // the Tinos fonts the certificates PDF embeds (web/decisions/documents/fonts.ts).
      bundledFiles: {
        [CHART_JS_FILE]: CHART_JS_SOURCE,
        [OFFICIAL_UNIT_FILE]: OFFICIAL_UNIT_SOURCE,
        ...Object.fromEntries(CERTIFICATE_FONTS.map((style) => [TINOS_FILES[style], tinosSource(style)])),
      },
      environment: {
        TABLE_NAME: props.table.tableName,
        STATE_MACHINE_ARN: props.lifecycle.stateMachineArn,
        REVIEW_STATE_MACHINE_ARN: props.review.stateMachineArn,
        IMPORT_STATE_MACHINE_ARN: props.imports.stateMachineArn,
        SESSION_SECRET_ARN: props.sessionSecret.secretArn,
        EVIDENCE_BUCKET: props.evidenceBucketName,
      },
    });
    const role = this.handler.role;
    // Accounts and units by key, model timelines, lists by unit (gsi1), board (gsi2) and
    // assignee (gsi1); decisions and evidence changes are transactions of Put, Update and
    // Delete items (removing an evidence file deletes its item); the import of the official
    // units writes them 25 a BatchWriteItem; a recognition joins its batch decision's list only
    // while the decision is open (a ConditionCheck in the publication's transaction).
    grantTable(role, props.table, {
      actions: ['GetItem', 'BatchGetItem', 'BatchWriteItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem', 'ConditionCheckItem'],
      queryIndexes: TABLE_KEYS.indexes.map((index) => index.name),
    });
    grantSecretValue(role, props.sessionSecret);
    // Registering a model starts its execution; a decision answers the waiting step; an
    // administrator starts a yearly review, and resumes an orphaned model in a new execution
    // after asking whether its step's token is still awaited (SendTaskHeartbeat).
    props.lifecycle.grantStartExecution(role);
    props.lifecycle.grantTaskSuccess(role);
    props.lifecycle.grantTaskHeartbeat(role);
    props.review.grantStartExecution(role);
    // A confirmed spreadsheet import runs in its own workflow.
    props.imports.grantStartExecution(role);
    const evidenceObjects = `arn:${Stack.of(this).partition}:s3:::${props.evidenceBucketName}/*`;
    Grant.addToPrincipal({ grantee: role, actions: EVIDENCE_OBJECT_ACTIONS, resourceArns: [evidenceObjects] });
    acknowledgeNag(
      role,
      `AwsSolutions-IAM5[Resource::${nagText(this, evidenceObjects)}]`,
      'Evidence object keys are created per upload, so the grant covers the objects of this one bucket ' +
        '(Get/Put/DeleteObject only: no listing, no bucket configuration).',
    );

    this.url = this.handler.fn.addFunctionUrl({ authType: FunctionUrlAuthType.NONE, invokeMode: InvokeMode.BUFFERED });
  }
}
