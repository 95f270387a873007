import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Code } from 'aws-cdk-lib/aws-lambda';
import { AgreementsStack } from '../../infra/stack.js';
import { type StageConfig, stageFromContext } from '../../infra/stage.js';

/** The context cdk.json gives the CLI: feature flags and the stages. */
export const CDK_CONTEXT = JSON.parse(readFileSync('cdk.json', 'utf8')).context as Record<string, unknown>;

/** A stand-in for the built web app, as `npm run build:web` would leave it. */
export function webDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'web-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Kerja Sama</title>');
  writeFileSync(join(dir, 'app-3f2a1b.js'), 'console.log("app")');
  return dir;
}

export interface Synthesised {
  app: App;
  stack: AgreementsStack;
  stage: StageConfig;
  template: Template;
}

/** The stack of a stage as cdk.json and `-c` overrides define it, with inline code instead of bundles. */
export function synthesise(context: Record<string, unknown> = {}): Synthesised {
  const app = new App({ context: { ...CDK_CONTEXT, ...context } });
  const stage = stageFromContext(app);
  const stack = new AgreementsStack(app, stage.stackName, {
    stage,
    env: { account: '111111111111', region: stage.region },
    code: () => Code.fromInline('export const handler = async () => ({ statusCode: 200 });'),
    webDir: webDir(),
  });
  return { app, stack, stage, template: Template.fromStack(stack) };
}

export type Resource = { Type: string; Properties: Record<string, unknown>; [key: string]: unknown };

/** CDK's logical id of a construct directly under the stack: its id and an 8-digit hash. */
export const logicalIdOf = (id: string) => new RegExp(`^${id}[0-9A-F]{8}$`);

/** The one resource of a type whose construct id under the stack is exactly `id`. */
export function resourceOf(template: Template, type: string, id: string): [string, Resource] {
  const found = Object.entries(template.findResources(type)).filter(([logicalId]) =>
    logicalIdOf(id).test(logicalId),
  );
  if (found.length !== 1) throw new Error(`${found.length} ${type} named ${id}`);
  return found[0] as [string, Resource];
}

/**
 * A CloudFormation value as readable text: `{ Fn::GetAtt: [DataKey5F086070, Arn] }` → `DataKey.Arn`,
 * joins concatenated, pseudo parameters as `${AWS::Region}`.
 */
export function render(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(render);
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if ('Fn::GetAtt' in v) {
      const [id, attribute] = v['Fn::GetAtt'] as [string, string];
      return `${id.replace(/[0-9A-F]{8}$/, '')}.${attribute}`;
    }
    if ('Ref' in v) return `{${String(v.Ref).replace(/[0-9A-F]{8}$/, '')}}`;
    if ('Fn::Join' in v) {
      const [sep, parts] = v['Fn::Join'] as [string, unknown[]];
      return parts.map(render).join(sep);
    }
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, render(x)]));
  }
  return value;
}

type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown };

/**
 * Every grant of a function's role as `action resource` (with ` if {conditions}` when conditioned),
 * one per action and resource, sorted: statements merged or split by CDK compare equal.
 */
export function grantsOf(template: Template, name: string): string[] {
  const [, fn] = resourceOf(template, 'AWS::Lambda::Function', name);
  const roleId = (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  const policies = Object.values(template.findResources('AWS::IAM::Policy')) as Resource[];
  const statements = policies
    .filter((p) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === roleId))
    .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
  const role = template.findResources('AWS::IAM::Role')[roleId] as Resource;
  if (role.Properties.ManagedPolicyArns) throw new Error(`${name}'s role has managed policies`);
  if (role.Properties.Policies) throw new Error(`${name}'s role has inline policies`);
  return statements
    .flatMap((s) => {
      if (s.Effect !== 'Allow') throw new Error(`${name}: a statement that is not Allow`);
      const actions = Array.isArray(s.Action) ? s.Action : [s.Action];
      const resources = (Array.isArray(s.Resource) ? s.Resource : [s.Resource]).map(render);
      const condition = s.Condition ? ` if ${JSON.stringify(render(s.Condition))}` : '';
      return actions.flatMap((a) => resources.map((r) => `${a} ${r}${condition}`));
    })
    .sort();
}
