import { readFileSync } from 'node:fs';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../infra/build-app.ts';

/** cdk.json's context (feature flags, defaults), which `cdk synth` passes and `new App()` does not. */
export const CDK_JSON_CONTEXT = (
  JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as { context: Record<string, unknown> }
).context;

/**
 * The real app tree for stage `test`, with cdk.json's feature flags, and bundling skipped
 * (`aws:cdk:bundling-stacks` = []) so tests do not run esbuild; `npm run synth` bundles.
 */
export function buildTestApp(context: Record<string, unknown> = {}) {
  return buildApp({ context: { ...CDK_JSON_CONTEXT, 'aws:cdk:bundling-stacks': [], stage: 'test', ...context } });
}

type SynthesizedApp = ReturnType<typeof buildTestApp> & { appTemplate: Template; dataTemplate: Template };
const synthesized = new Map<string, SynthesizedApp>();

/**
 * The app synthesized for this context, once per worker: the files under test/infra share their
 * modules (vitest.config.ts), and a synth takes about 2 s. Tests only read the stacks and templates.
 */
export function synthApp(context: Record<string, unknown> = {}): SynthesizedApp {
  const key = JSON.stringify(context);
  let app = synthesized.get(key);
  if (!app) {
    const stages = buildTestApp(context);
    app = { ...stages, appTemplate: Template.fromStack(stages.main), dataTemplate: Template.fromStack(stages.data) };
    synthesized.set(key, app);
  }
  return app;
}

type Json = Record<string, unknown>;

/** IAM statements of every AWS::IAM::Policy attached to the role with this logical id. */
export function statementsOfRole(template: Template, roleLogicalId: string): Json[] {
  const policies = Object.values(template.findResources('AWS::IAM::Policy')) as Array<{ Properties: Json }>;
  return policies
    .filter((p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: roleLogicalId }]))
    .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Json[] }).Statement);
}

export const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/** Resolves an Fn::Join (as Stack.formatArn makes) into readable text, `{Ref}` for references. */
export function joinToText(value: unknown): string {
  if (typeof value === 'string') return value;
  const join = (value as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (!join) return `{${JSON.stringify(Object.values(value as Json)[0])}}`.replace(/"/g, '');
  return join[1].map((part) => (typeof part === 'string' ? part : `{${String(Object.values(part as Json)[0])}}`)).join(join[0]);
}
