/**
 * Reading an ASL document for what its role must allow: every Task state's integration
 * and target. The state machine's permissions are derived from this, so they are exactly
 * what the ASL calls.
 */

/** The `${Name}` placeholders an ASL document expects in definitionSubstitutions. */
export function aslPlaceholders(asl: string): string[] {
  return [...new Set([...asl.matchAll(/\$\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1] as string))];
}

export type AslIntegration = 'lambda:invoke' | 'states:startExecution';

export interface AslTask {
  readonly state: string;
  readonly integration: AslIntegration;
  /** The target as written: a `${Placeholder}` or a literal ARN. */
  readonly target: string;
}

const INTEGRATIONS: Record<string, { integration: AslIntegration; targetField: string }> = {
  'arn:aws:states:::lambda:invoke': { integration: 'lambda:invoke', targetField: 'FunctionName' },
  'arn:aws:states:::lambda:invoke.waitForTaskToken': { integration: 'lambda:invoke', targetField: 'FunctionName' },
  'arn:aws:states:::states:startExecution': { integration: 'states:startExecution', targetField: 'StateMachineArn' },
};

type State = { Type?: string; Resource?: string; Parameters?: Record<string, unknown>; Arguments?: Record<string, unknown> } & Record<
  string,
  unknown
>;
type StateMap = Record<string, State>;

function nestedStateMaps(state: State): StateMap[] {
  const maps: StateMap[] = [];
  for (const key of ['ItemProcessor', 'Iterator']) {
    const inner = state[key] as { States?: StateMap } | undefined;
    if (inner?.States) maps.push(inner.States);
  }
  for (const branch of (state.Branches as Array<{ States: StateMap }> | undefined) ?? []) maps.push(branch.States);
  return maps;
}

/** Every Task state, Map and Parallel states included; an integration we cannot scope is an error. */
export function aslTasks(definition: { States: StateMap }): AslTask[] {
  const tasks: AslTask[] = [];
  const visit = (states: StateMap) => {
    for (const [name, state] of Object.entries(states)) {
      nestedStateMaps(state).forEach(visit);
      if (state.Type !== 'Task') continue;
      const known = INTEGRATIONS[state.Resource ?? ''];
      if (!known) throw new Error(`State ${name}: integration ${state.Resource} has no permission mapping (infra/asl.ts)`);
      const target = (state.Parameters ?? state.Arguments)?.[known.targetField];
      if (typeof target !== 'string') {
        throw new Error(`State ${name}: ${known.targetField} must be a fixed value so its permission can name it`);
      }
      tasks.push({ state: name, integration: known.integration, target });
    }
  };
  visit(definition.States);
  return tasks;
}

/** Replaces `${Name}` with its substitution (the value the deployed machine will see). */
export function substitute(value: string, substitutions: Record<string, string>): string {
  const match = /^\$\{([A-Za-z0-9_]+)\}$/.exec(value);
  if (!match) return value;
  const found = substitutions[match[1] as string];
  if (found === undefined) throw new Error(`No substitution for ${value}`);
  return found;
}
