import { createHash } from 'node:crypto';
import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import type { LoadedMachine, TaskDefinition } from './execution-run.ts';

/** How long the interpreter may wait for a callback task's function before it parks. */
const CALLBACK_INVOKE_SECONDS = 300;

type StateNode = {
  Type?: string;
  Resource?: string;
  TimeoutSeconds?: number;
  TimeoutSecondsPath?: string;
  Iterator?: Machine;
  ItemProcessor?: Machine;
  Branches?: Machine[];
  ResultPath?: string | null;
};
type Machine = { States: Record<string, StateNode> };

/** Applies definitionSubstitutions the way CloudFormation does: `${Name}` inside strings. */
export function substitute(asl: string, substitutions: Record<string, string>): string {
  return asl.replace(/\$\{([A-Za-z0-9_]+)\}/g, (whole, key: string) => {
    const value = substitutions[key];
    if (value === undefined) throw new Error(`No substitution for ${whole}`);
    return JSON.stringify(value).slice(1, -1);
  });
}

/**
 * Parses the ASL (after substitutions) for the interpreter. Callback tasks keep their real
 * timeout in our own table (it survives restarts); the interpreter only bounds the call
 * to the function that receives the token.
 */
export function loadMachine(arn: string, name: string, asl: string, substitutions: Record<string, string>): LoadedMachine {
  return loadDefinition(arn, name, substitute(asl, substitutions));
}

/**
 * Loads a definition whose substitutions are already applied (as stored for the executions that
 * started with it); `hash`, its sha256, names it in the engine's table.
 */
export function loadDefinition(arn: string, name: string, text: string): LoadedMachine {
  const definition = JSON.parse(text) as Machine;
  const tasks = new Map<string, TaskDefinition>();
  const visit = (machine: Machine) => {
    for (const [stateName, state] of Object.entries(machine.States)) {
      if (state.Type === 'Task' && state.Resource) {
        tasks.set(stateName, {
          Resource: state.Resource,
          TimeoutSeconds: state.TimeoutSeconds,
          TimeoutSecondsPath: state.TimeoutSecondsPath,
        });
        if (state.Resource.endsWith('.waitForTaskToken')) {
          delete state.TimeoutSecondsPath;
          state.TimeoutSeconds = CALLBACK_INVOKE_SECONDS;
        }
      }
      // "If you don't specify a ResultPath, the default behavior is as if you had specified
      // "ResultPath": "$"": the result replaces the whole input (Step Functions developer guide,
      // "Specifying state output using ResultPath"). aws-local-stepfunctions 3.0.0 instead sets a
      // key named "$", so the explicit form is handed to it as the default it means.
      if (state.ResultPath === '$') delete state.ResultPath;
      for (const nested of [state.Iterator, state.ItemProcessor, ...(state.Branches ?? [])]) if (nested) visit(nested);
    }
  };
  visit(definition);
  const stateMachine = new StateMachine(definition as unknown as StateMachineDefinition, {
    validationOptions: { checkArn: true, checkPaths: true },
  });
  return { arn, name, stateMachine, tasks, definition: text, hash: createHash('sha256').update(text).digest('hex') };
}
