import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
  // Keyed before the validator runs: it may add to the definition it reads.
  const key = validationKey(definition);
  const stateMachine = new StateMachine(definition as unknown as StateMachineDefinition, {
    validationOptions: validatedBefore(key) ? { noValidate: true } : VALIDATION,
  });
  rememberValid(key); // reached only when the validation above passed
  return { arn, name, stateMachine, tasks, definition: text, hash: createHash('sha256').update(text).digest('hex') };
}

/** As AWS validates a definition when it is created: ARNs and paths checked too. */
const VALIDATION = { checkArn: true, checkPaths: true };

/**
 * The validation (asl-validator, 0.3–0.5 s a machine) is done once per definition: a definition
 * that passed is remembered by the sha256 of the library's version, the options and its text, in
 * this process and in node_modules/.cache for the next ones (every runtime start loads the same
 * three machines). Only passes are remembered, so a definition that fails fails every time.
 */
const validated = new Set<string>();
const CACHE = new URL('../../node_modules/.cache/dan-van-kheo-asl-valid/', import.meta.url);
const LIBRARY = new URL('../../node_modules/aws-local-stepfunctions/package.json', import.meta.url);
const libraryVersion = (() => {
  try {
    return (JSON.parse(readFileSync(LIBRARY, 'utf8')) as { version: string }).version;
  } catch {
    return undefined; // installed elsewhere: validate every time
  }
})();
const validationKey = (definition: Machine): string | undefined =>
  libraryVersion &&
  createHash('sha256')
    .update(JSON.stringify([libraryVersion, VALIDATION, definition]))
    .digest('hex');

const validatedBefore = (key: string | undefined) => key !== undefined && (validated.has(key) || existsSync(new URL(key, CACHE)));

function rememberValid(key: string | undefined): void {
  if (key === undefined || validated.has(key)) return;
  validated.add(key);
  try {
    mkdirSync(CACHE, { recursive: true });
    writeFileSync(new URL(key, CACHE), '');
  } catch {
    // a read-only install validates in each process
  }
}
