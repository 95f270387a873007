import { type Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { StageConfig } from './stage.js';

/** A finding of the AWS Solutions checks accepted on purpose: which, where, and why. */
export interface Acknowledgement {
  /** The rule id with its finding, e.g. `AwsSolutions-IAM5[Resource::*]`. */
  id: RegExp;
  /** The construct path under the stack. */
  path: RegExp;
  reason: string;
}

const FUNCTION_ROLE = /^[A-Za-z]+Role\/DefaultPolicy\/Resource$/;
const CDK_DEPLOYMENT_HANDLER =
  /^(Custom::CDKBucketDeployment[0-9A-Fa-f]+512MiB|BucketNotificationsHandler[0-9a-f]+)\//;

/**
 * Every accepted finding, with the reason a reviewer reads. Anything the checks report that matches
 * none of these fails synthesis (infra/app.ts) and the tests (test/infra/nag.test.ts).
 */
export function acknowledgements(stage: StageConfig): Acknowledgement[] {
  return [
    {
      id: /^AwsSolutions-IAM5\[Resource::\*\]$/,
      path: FUNCTION_ROLE,
      reason:
        'X-Ray active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords have no resource-level ' +
        "permissions; the test 'grants each function exactly' pins that nothing else is granted on *.",
    },
    {
      id: /^AwsSolutions-IAM5\[Resource::<Data(Documents|Incoming|Archive)[0-9A-F]{8}\.Arn>\/(agreements|activities|reports|region|imports|incoming|quarantine|archive|anchors|templates|batches)\/\*\]$/,
      path: FUNCTION_ROLE,
      reason:
        'Objects under one key prefix of one bucket: the keys carry agreement, version, upload, attempt and ' +
        'template candidate and batch ids made at run time, and the prefix is the narrowest fixed part.',
    },
    {
      id: /^AwsSolutions-IAM5\[Resource::arn:<AWS::Partition>:kms:([a-z0-9-]+|<AWS::Region>):(\d{12}|<AWS::AccountId>):key\/\*\]$/,
      path: /^SignRole\/DefaultPolicy\/Resource$/,
      reason:
        'Signatory keys are created one per signatory when an admin onboards them (README, Deploying), after ' +
        'this stack: kms:Sign is limited to keys tagged kerjasama:purpose=signatory and to MessageType DIGEST.',
    },
    {
      id: /^AwsSolutions-SQS3$/,
      path: /^(Notify|Ingest|TemplateCheck|Batch|Daily)DeadLetters\/Resource$/,
      reason: 'This queue is itself a dead-letter queue; its depth raises an alarm.',
    },
    {
      id: /^AwsSolutions-APIG4$/,
      path: /^Api\/(POST--api--verify|GET--api--verify--\{id\}(--report\.pdf)?)\/Resource$/,
      reason:
        'Public verification by design: anyone holding a signed PDF or its QR code checks it without an ' +
        'account. Read-only, and throttled with the rest of the stage.',
    },
    {
      id: /^AwsSolutions-CFR1$/,
      path: /^Hosting\/Distribution\/Resource$/,
      reason:
        'No geographic restriction: foreign partners of MoUs and PKSs open the verification page from abroad; ' +
        'access to data is controlled by Cognito sign-in, not by location.',
    },
    {
      id: /^AwsSolutions-COG8$/,
      path: /^Users\/Resource$/,
      reason:
        'Essentials tier: users are created by an admin only (no self sign-up), passwords have 12+ characters ' +
        'of four classes, and prod requires TOTP MFA; the Plus tier (threat protection) is priced per user and ' +
        'can be switched on without a redeploy of anything else.',
    },
    {
      id: /^AwsSolutions-IAM4\[Policy::arn:<AWS::Partition>:iam::aws:policy\/service-role\/AWSLambdaBasicExecutionRole\]$/,
      path: CDK_DEPLOYMENT_HANDLER,
      reason:
        "aws-cdk-lib's own deployment-time handler (bucket notifications, web files); it runs only during a " +
        'deployment and the managed policy only lets it write its logs.',
    },
    {
      id: /^AwsSolutions-IAM5\[(Action::(kms:GenerateDataKey\*|kms:ReEncrypt\*|s3:Abort\*|s3:DeleteObject\*|s3:GetBucket\*|s3:GetObject\*|s3:List\*)|Resource::\*|Resource::<HostingWeb[0-9A-F]{8}\.Arn>\/\*|Resource::arn:<AWS::Partition>:s3:::cdk-[a-z0-9]+-assets-(\d{12}|<AWS::AccountId>)-([a-z0-9-]+|<AWS::Region>)\/\*)\]$/,
      path: CDK_DEPLOYMENT_HANDLER,
      reason:
        "aws-cdk-lib's BucketDeployment copies the built web app from the CDK assets bucket into the site " +
        'bucket: its wildcards range over those two buckets and the site key, and it runs only during a deployment.',
    },
    {
      id: /^AwsSolutions-L1$/,
      path: CDK_DEPLOYMENT_HANDLER,
      reason: "aws-cdk-lib's deployment-time handler: its runtime is pinned and updated by aws-cdk-lib.",
    },
    ...(stage.webAclArn
      ? []
      : [
          {
            id: /^AwsSolutions-CFR2$/,
            path: /^Hosting\/Distribution\/Resource$/,
            reason:
              'No WAF in this stage: every API route but public verification needs a Cognito token, and the ' +
              'stage throttles requests. A CLOUDFRONT-scope web ACL lives in us-east-1 and is attached with ' +
              '-c webAclArn=….',
          },
        ]),
    ...(stage.domainName
      ? []
      : [
          {
            id: /^AwsSolutions-CFR4$/,
            path: /^Hosting\/Distribution\/Resource$/,
            reason:
              'No custom domain in this stage: on the default *.cloudfront.net certificate CloudFront fixes the ' +
              'viewer policy at TLSv1. With -c domainName=… -c certificateArn=… the distribution requires TLSv1.2_2021.',
          },
        ]),
    ...(stage.mfa === 'required'
      ? []
      : [
          {
            id: /^AwsSolutions-COG2$/,
            path: /^Users\/Resource$/,
            reason: 'MFA is optional only in the dev stage (demo and test users); prod requires TOTP.',
          },
        ]),
  ];
}

/** A finding of the checks at a construct path, as `rule path`. */
export interface Finding {
  id: string;
  path: string;
}

/** The AWS Solutions findings in a stack that nothing acknowledges yet. */
export function findingsOf(stack: Stack): Finding[] {
  const report = new AwsSolutionsChecks().validateScope(stack);
  return report.violations.flatMap((v) =>
    v.violatingResources.map((r) => ({
      id: v.ruleName,
      path: (r.constructPath ?? '').slice(stack.node.path.length + 1),
    })),
  );
}

/**
 * Acknowledges, on the construct itself, each finding that an acknowledgement above covers; returns
 * what was acknowledged with which reason.
 */
export function acknowledgeFindings(stack: Stack, stage: StageConfig): (Finding & { reason: string })[] {
  const accepted = acknowledgements(stage);
  const constructs = new Map(stack.node.findAll().map((c) => [c.node.path, c]));
  const done: (Finding & { reason: string })[] = [];
  for (const finding of findingsOf(stack)) {
    const ack = accepted.find((a) => a.id.test(finding.id) && a.path.test(finding.path));
    const construct = constructs.get(`${stack.node.path}/${finding.path}`);
    if (!ack || !construct) continue;
    Validations.of(construct).acknowledge({ id: finding.id, reason: ack.reason });
    done.push({ ...finding, reason: ack.reason });
  }
  return done;
}
