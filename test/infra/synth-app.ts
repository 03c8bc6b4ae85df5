import { Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../infra/build-app.ts';

/**
 * The real app tree for stage `test`, with bundling skipped (`aws:cdk:bundling-stacks`
 * = []) so tests do not run esbuild; `npm run synth` covers bundling.
 */
export function synthApp() {
  const stages = buildApp({ context: { 'aws:cdk:bundling-stacks': [], stage: 'test' } });
  return {
    ...stages,
    appTemplate: Template.fromStack(stages.main),
    dataTemplate: Template.fromStack(stages.data),
  };
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

/** Resolves the Fn::Join that Stack.formatArn produces into a readable pattern. */
export function joinToText(value: unknown): string {
  if (typeof value === 'string') return value;
  const join = (value as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (!join) return JSON.stringify(value);
  return join[1].map((part) => (typeof part === 'string' ? part : `{${Object.values(part as Json)[0]}}`)).join(join[0]);
}
