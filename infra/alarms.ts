import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { StageConfig } from './stage.js';

export interface AlarmsProps {
  stage: StageConfig;
  functions: LambdaFunction[];
  deadLetterQueues: Queue[];
  /** Dead-letter queues a function empties as messages arrive: each arrival pages too. */
  consumedDeadLetterQueues: Queue[];
  api: HttpApi;
}

/**
 * What pages the operators (the stage's alarm email, through SNS): a message in any dead-letter
 * queue (or arriving in one that a function empties), any function error, any throttle, any 5xx
 * answer of the API, an audit chain the daily job refused to anchor, and a seal it could not renew.
 */
export class Alarms extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    // CloudWatch cannot publish to a topic under the AWS-managed SNS key; this key lets it.
    const key = new Key(this, 'TopicKey', {
      description: `${props.stage.stackName}: alarm notifications`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.topic = new Topic(this, 'Topic', {
      displayName: `${props.stage.stackName} alarms`,
      masterKey: key,
      enforceSSL: true,
    });
    this.topic.addSubscription(new EmailSubscription(props.stage.alarmEmail));
    const action = new SnsAction(this.topic);

    const alarm = (id: string, metric: IMetric, description: string) => {
      const a = new Alarm(this, id, {
        metric,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      a.addAlarmAction(action);
      return a;
    };

    for (const queue of props.deadLetterQueues) {
      alarm(
        `${queue.node.id}Depth`,
        queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
        `Events that failed every retry wait in ${queue.node.id}: read them, fix the cause, redrive`,
      );
    }
    for (const queue of props.consumedDeadLetterQueues) {
      alarm(
        `${queue.node.id}Arrivals`,
        queue.metricNumberOfMessagesSent({ period: Duration.minutes(5), statistic: 'Sum' }),
        `An event failed every retry and went to ${queue.node.id}; what was uploaded (a signed copy, a template, a batch) is marked failed: read the function's logs`,
      );
    }
    for (const fn of props.functions) {
      const name = fn.node.id;
      alarm(`${name}Errors`, fn.metricErrors({ period: Duration.minutes(5) }), `${name} failed`);
    }
    // Throttling is the account's concurrency running out, shared by all functions: one alarm on the
    // region's total (a pair per function made the stack outgrow CloudFormation's 500 resources).
    alarm(
      'LambdaThrottles',
      new Metric({
        namespace: 'AWS/Lambda',
        metricName: 'Throttles',
        statistic: 'Sum',
        period: Duration.minutes(5),
      }),
      'A function was throttled: the concurrency of this account and region ran out (the function metrics name which)',
    );
    alarm(
      'Api5xx',
      new Metric({
        namespace: 'AWS/ApiGateway',
        metricName: '5xx',
        dimensionsMap: { ApiId: props.api.apiId, Stage: '$default' },
        statistic: 'Sum',
        period: Duration.minutes(5),
      }),
      'The API answered 5xx: an internal error, a storage outage or a function timeout',
    );
    alarm(
      'AuditChainRefused',
      new Metric({
        namespace: 'KerjaSama',
        metricName: 'AuditChainRefused',
        // Powertools publishes every count with the service as its dimension.
        dimensionsMap: { service: 'kerjasama' },
        statistic: 'Sum',
        period: Duration.hours(1),
      }),
      'An audit chain no longer links to its last anchor: events were rewritten in the table (daily job log names the agreements)',
    );
    alarm(
      'ArchiveRenewalFailed',
      new Metric({
        namespace: 'KerjaSama',
        metricName: 'ArchiveRenewalFailed',
        dimensionsMap: { service: 'kerjasama' },
        statistic: 'Sum',
        period: Duration.hours(1),
      }),
      'An archived agreement’s seal is due for renewal and was not renewed: no TSA answered, or it still signs with a certificate that expires too soon (daily job log names the agreements)',
    );
  }
}
