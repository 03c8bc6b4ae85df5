import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { IMPORT_ASL_PATH, IMPORT_FUNCTIONS } from '../../workflows/import-functions.ts';
import { grantTable } from '../grants.ts';
import { AppFunction } from './app-function.ts';
import { Workflow } from './workflow.ts';

export interface ImportWorkflowProps {
  readonly table: ITableV2;
  readonly stateMachineName: string;
  /** The lifecycle machine: a model imported as registered starts its registration. */
  readonly lifecycle: Workflow;
}

/**
 * The model import: workflows/model-import.asl.json imports a checked spreadsheet chunk by
 * chunk (core/use-cases/import-models.ts), so a 10,000-row file never meets API Gateway's or
 * the web function's time limit, and a crash or restart resumes at the chunk it was in.
 */
export class ImportWorkflow extends Construct {
  readonly chunk: AppFunction<'import-chunk'>;
  readonly machine: Workflow;

  constructor(scope: Construct, id: string, props: ImportWorkflowProps) {
    super(scope, id);
    this.chunk = new AppFunction(this, 'Chunk', {
      handlerName: IMPORT_FUNCTIONS.ImportChunkFunctionArn,
      description: 'Model import task import-chunk',
      environment: { TABLE_NAME: props.table.tableName, STATE_MACHINE_ARN: props.lifecycle.stateMachineArn },
    });
    // The job and its chunks (GetItem, UpdateItem), which of a chunk's models are in already
    // (BatchGetItem), a model imported as registered and whether a review opened (GetItem), and
    // each row's transaction: the model's conditional Put, its audit event, counters, catalogue
    // entry and resting task (Put and Update items).
    grantTable(this.chunk.role, props.table, { actions: ['GetItem', 'BatchGetItem', 'PutItem', 'UpdateItem'] });
    props.lifecycle.grantStartExecution(this.chunk.role);
    this.machine = new Workflow(this, 'Machine', {
      stateMachineName: props.stateMachineName,
      aslPath: IMPORT_ASL_PATH,
      substitutions: { ImportChunkFunctionArn: this.chunk.fn.functionArn },
    });
  }
}
