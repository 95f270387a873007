import { Validations } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { describe, expect, it } from 'vitest';
import { acknowledgements, findingsOf } from '../../infra/nag.js';
import { type Synthesised, synthesise } from './support.js';

const STAGES: Record<string, Record<string, unknown>> = {
  dev: { stage: 'dev' },
  prod: { stage: 'prod' },
  'prod on its own domain, behind WAF': {
    stage: 'prod',
    domainName: 'kerjasama.example.go.id',
    certificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b',
    webAclArn: 'arn:aws:wafv2:us-east-1:111111111111:global/webacl/kerjasama/0f1e2d3c-4b5a-6978',
  },
};

/** Every acknowledgement recorded on the stack's constructs: `rule path` → reason. */
function acknowledged({ stack }: Synthesised): Map<string, string> {
  const found = new Map<string, string>();
  for (const construct of stack.node.findAll()) {
    for (const entry of construct.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
      for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
        found.set(
          `${id.replace(/^annotation::/i, '')} ${construct.node.path.slice(stack.node.path.length + 1)}`,
          reason,
        );
      }
    }
  }
  return found;
}

describe('cdk-nag, AWS Solutions pack', () => {
  it.each(Object.keys(STAGES))('finds nothing unacknowledged in %s', (name) => {
    const synthesised = synthesise(STAGES[name]);
    expect(findingsOf(synthesised.stack)).toEqual([]);

    const rules = [...acknowledged(synthesised)];
    // Each accepted finding carries a reason, and no acknowledgement is left over from resources gone.
    for (const [finding, reason] of rules) expect(reason.length, finding).toBeGreaterThan(60);
    for (const ack of acknowledgements(synthesised.stage)) {
      expect(
        rules.some(([finding]) => ack.id.test(finding.split(' ')[0] ?? '')),
        `${ack.id} is used`,
      ).toBe(true);
    }
  });

  it('accepts the exceptions of a stage only where that stage has them', () => {
    const rulesOf = (name: string) =>
      [...acknowledged(synthesise(STAGES[name]))].map(([finding]) => finding.split(' ')[0]);
    expect(rulesOf('dev')).toEqual(
      expect.arrayContaining(['AwsSolutions-COG2', 'AwsSolutions-CFR2', 'AwsSolutions-CFR4']),
    );
    expect(rulesOf('prod')).not.toContain('AwsSolutions-COG2');
    const onDomain = rulesOf('prod on its own domain, behind WAF');
    expect(onDomain).not.toContain('AwsSolutions-CFR2');
    expect(onDomain).not.toContain('AwsSolutions-CFR4');
  });

  it('acknowledges nothing it was not told to: a bucket added later is reported', () => {
    const { stack } = synthesise({ stage: 'prod' });
    new Bucket(stack, 'Careless');
    expect(findingsOf(stack).map((f) => `${f.id} ${f.path}`)).toEqual(
      expect.arrayContaining(['AwsSolutions-S1 Careless/Resource', 'AwsSolutions-S10 Careless/Resource']),
    );
  });
});
