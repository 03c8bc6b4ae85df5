import { Validations, type Stack } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { describe, expect, it, vi } from 'vitest';
import { buildTestApp } from './synth-app.ts';

const findings = (stack: Stack) =>
  new AwsSolutionsChecks(stack)
    .validateScope(stack)
    .violations.flatMap((v) => v.violatingResources.map((r) => ({ rule: v.ruleName, severity: v.severity, path: r.constructPath ?? '' })));

describe('cdk-nag AwsSolutions', () => {
  it('reports no unacknowledged finding, error or warning, in either stack', () => {
    const { data, main } = buildTestApp();
    expect(findings(data)).toEqual([]);
    expect(findings(main)).toEqual([]);
  });

  it('passes as a synthesis validation plugin too, on the resolved templates (as `npm run synth`)', () => {
    const { app } = buildTestApp();
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(() => app.synth()).not.toThrow();
  });

  it('acknowledges only findings that occur, each on its construct and with its reason', () => {
    const acknowledged: Array<{ rule: string; scope: string; reason: string }> = [];
    const spy = vi.spyOn(Validations.prototype, 'acknowledge').mockImplementation(function (this: Validations, ...rules) {
      const scope = (this as unknown as { scope: IConstruct }).scope.node.path;
      for (const rule of rules) acknowledged.push({ rule: rule.id, scope, reason: rule.reason });
    });
    let raw: Array<{ rule: string; path: string }>;
    try {
      const { data, main } = buildTestApp();
      raw = [...findings(data), ...findings(main)];
    } finally {
      spy.mockRestore();
    }
    // Every finding the acknowledgments hide, and nothing else, is acknowledged.
    const covered = (f: { rule: string; path: string }) => acknowledged.some((a) => a.rule === f.rule && f.path.startsWith(`${a.scope}/`));
    expect(raw.filter((f) => !covered(f))).toEqual([]);
    for (const a of acknowledged) {
      expect(
        raw.some((f) => f.rule === a.rule && f.path.startsWith(`${a.scope}/`)),
        `${a.rule} on ${a.scope} is not needed`,
      ).toBe(true);
      expect(a.reason.length, a.rule).toBeGreaterThan(60);
    }
    expect(
      acknowledged
        .map((a) => `${a.scope.replace(/^DanVanKheo-test-/, '')} ${a.rule.replace(/\[Resource::arn:aws:s3:::.*$/, '[evidence objects]')}`)
        .sort(),
    ).toEqual([
      'App/Import/Machine/Role AwsSolutions-IAM5[Resource::*]',
      'App/Lifecycle/Machine/Role AwsSolutions-IAM5[Resource::*]',
      'App/Review/Machine/Role AwsSolutions-IAM5[Resource::*]',
      'App/Session/Secret AwsSolutions-SMG4',
      'App/Web/Handler/Role AwsSolutions-IAM5[evidence objects]',
      'Data/FirstAdmin/InitialPassword AwsSolutions-SMG4',
    ]);
  });
});
