import type { Deps } from '../deps.ts';
import { executionNames } from '../lifecycle.ts';
import { getModel } from '../store/model-store.ts';
import { clearRestingToken, createRestingTask, getTask } from '../store/task-store.ts';
import { listRunningExecutions, startExecution, stopExecution, type RunningExecution } from '../engine/workflow-engine.ts';
import { migrationDone, recordMigration } from '../store/migration-store.ts';
import { resumeInput, resumePlan } from './resume-plan.ts';
import { beginNextCycle, joinOpenReview } from './workflow-steps.ts';

/**
 * Upgrade of executions written by v1, where one execution ran a model's whole cycle
 * (`{modelId}-{year}`: registration, an 11-month wait for the review, report, appraisal).
 * Each RUNNING v1 execution hands its waiting step to the new shape and is stopped:
 *   waiting for registration review / revision -> `{modelId}-r` resuming at that step;
 *   waiting for the yearly review             -> no execution: the model rests (its task loses the token);
 *   waiting for the report / the appraisal    -> `{modelId}-y{year}` resuming at that step.
 * The pending task keeps its round, due date and overdue flag; the new execution's open-task
 * gives it a new token (or delivers a decision recorded but not delivered). Idempotent: the new
 * execution is started (by name) before the old one is stopped, so a crash in between repeats
 * harmlessly; once a run has finished it is recorded (`MIGRATION#v1-executions`) and later runs
 * return at once. Run by `npm start` before the local engine resumes anything, and once on AWS
 * after the deploy (`npm run migrate`).
 */
const V1_NAME = /^(.+)-(\d{4})$/;

export type UpgradeReport = { examined: number; resumed: number; rested: number; alreadyDone: number; unknown: string[] };

const MIGRATION = 'v1-executions';

export async function upgradeV1Executions(deps: Deps): Promise<UpgradeReport> {
  const report: UpgradeReport = { examined: 0, resumed: 0, rested: 0, alreadyDone: 0, unknown: [] };
  // Done once: later starts do not list every running execution again.
  if (await migrationDone(deps, MIGRATION)) return report;
  let nextToken: string | undefined;
  do {
    const page = await listRunningExecutions(deps, deps.stateMachineArn, nextToken);
    for (const execution of page.executions) {
      const match = V1_NAME.exec(execution.name ?? '');
      if (!match) continue; // a new-shape execution (-r, -y{year}, -k{n}): nothing to do
      report.examined++;
      await upgradeOne(deps, execution, match[1]!, Number(match[2]), report);
    }
    nextToken = page.nextToken;
  } while (nextToken);
  await recordMigration(deps, MIGRATION, deps.now().toISOString(), report);
  return report;
}

async function upgradeOne(deps: Deps, execution: RunningExecution, modelId: string, year: number, report: UpgradeReport): Promise<void> {
  const model = await getModel(deps, modelId);
  const plan = model ? resumePlan(model, year) : undefined;
  let continuedBy = 'nothing: the model no longer exists';
  if (!model || !plan) {
    report.unknown.push(execution.name!);
  } else if (plan.kind === 'next-cycle') {
    // Stopped between its appraisal and the start of its next cycle: finish that step here.
    await rest(deps, await beginNextCycle(deps, { modelId, year, timeouts: deps.timeouts }));
    report.rested++;
    continuedBy = 'rest until the next review';
  } else if (plan.kind === 'rest') {
    await makeResting(deps, model, year);
    await rest(deps, await joinOpenReview(deps, { modelId, year, timeouts: deps.timeouts }));
    report.rested++;
    continuedBy = 'rest until the review';
  } else if (plan.kind === 'execution') {
    const name = executionNames.of(plan.phase, modelId, year);
    await startOnce(deps, name, resumeInput(modelId, year, deps.timeouts, plan.phase, plan.resume));
    report.resumed++;
    continuedBy = name;
  } else {
    report.alreadyDone++;
    continuedBy = `nothing: ${plan.reason}`;
  }
  await stopExecution(deps, execution.executionArn, { error: 'Upgraded', cause: `v1 execution continued by ${continuedBy}` });
}

/** The v1 wait for the yearly review held a token: the resting task keeps its place without one. */
async function makeResting(deps: Deps, model: { id: string; boardId: string }, year: number): Promise<void> {
  const task = await getTask(deps, model.id, year, 'YEARLY_REVIEW');
  if (!task) await createRestingTask(deps, model, year, deps.now().toISOString(), 'error.changedMeanwhile');
  else if (task.status === 'PENDING' && task.token !== '') await clearRestingToken(deps, task);
}

/** A model that now rests joins its year's review at once if that is open (an administrator's recovery does the same). */
export async function rest(deps: Deps, resting: { join: boolean; name: string; input: Record<string, unknown> }): Promise<void> {
  if (resting.join) await startOnce(deps, resting.name, resting.input);
}

async function startOnce(deps: Deps, name: string, input: Record<string, unknown>): Promise<void> {
  // 'exists': started by an earlier, interrupted run.
  await startExecution(deps, { stateMachineArn: deps.stateMachineArn, name, input });
}
