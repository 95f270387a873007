import { Annotations, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Function as CloudFrontFunction,
  Distribution,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  type HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Key } from 'aws-cdk-lib/aws-kms';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type IBucket,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { contentSecurityPolicy, SECURITY_HEADERS } from './security-headers.js';
import type { StageConfig } from './stage.js';

export interface HostingProps {
  stage: StageConfig;
  api: HttpApi;
  /** Where CloudFront writes its access logs (an ACL-enabled bucket, as CloudFront requires). */
  logs: IBucket;
  /** Cognito's hosted UI: the web app trades its sign-in code there. */
  signInUrl: string;
}

/**
 * Single-page-app routes (`/agreements/…`, `/verify/{id}`) are answered with index.html; files
 * (anything with an extension) and the API are left alone.
 */
const SPA_ROUTES = `function handler(event) {
  var request = event.request;
  if (request.uri.indexOf('.') === -1) request.uri = '/index.html';
  return request;
}`;

/**
 * The web app from a private bucket behind CloudFront (origin access control), and the API on the
 * same domain under /api/*, so the browser never makes a cross-origin API call.
 */
export class Hosting extends Construct {
  readonly distribution: Distribution;
  readonly bucket: Bucket;
  /** https://<the stage's domain, or CloudFront's> */
  readonly url: string;

  constructor(scope: Construct, id: string, props: HostingProps) {
    super(scope, id);
    const { stage } = props;
    const region = Stack.of(this).region;

    this.bucket = new Bucket(this, 'Web', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.KMS,
      encryptionKey: new Key(this, 'WebKey', {
        description: `${stage.stackName}: the web app's files`,
        enableKeyRotation: true,
        removalPolicy: RemovalPolicy.DESTROY,
      }),
      bucketKeyEnabled: true,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: props.logs,
      serverAccessLogsPrefix: 'web/',
      // The built app is reproducible from the repository: no versions, and it goes with the stack.
      removalPolicy: RemovalPolicy.DESTROY,
    });

    const { strictTransportSecurity: hsts, xssProtection: xss } = SECURITY_HEADERS;
    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: `${stage.stackName}: security headers`,
      securityHeadersBehavior: {
        strictTransportSecurity: {
          accessControlMaxAge: Duration.seconds(hsts.maxAgeSeconds),
          includeSubdomains: hsts.includeSubdomains,
          preload: hsts.preload,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption[SECURITY_HEADERS.frameOption], override: true },
        referrerPolicy: {
          // CDK's enum values are the header's values.
          referrerPolicy: SECURITY_HEADERS.referrerPolicy as HeadersReferrerPolicy,
          override: true,
        },
        xssProtection: { ...xss, override: true },
        contentSecurityPolicy: {
          // The sign-in code is traded at Cognito, uploads go to presigned S3 URLs and the region's
          // emblem comes from one; all else is same-origin.
          contentSecurityPolicy: contentSecurityPolicy(
            [props.signInUrl, `https://*.s3.${region}.amazonaws.com`],
            [`https://*.s3.${region}.amazonaws.com`],
          ),
          override: true,
        },
      },
      customHeadersBehavior: {
        customHeaders: [
          { header: 'Permissions-Policy', value: SECURITY_HEADERS.permissionsPolicy, override: true },
        ],
      },
    });

    const api = new HttpOrigin(`${props.api.apiId}.execute-api.${region}.${Stack.of(this).urlSuffix}`, {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: stage.stackName,
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      // Edge locations in Asia (Jakarta included), Europe and the Americas, for foreign partners.
      priceClass: PriceClass.PRICE_CLASS_200,
      ...(stage.domainName && stage.certificateArn
        ? {
            domainNames: [stage.domainName],
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
            certificate: Certificate.fromCertificateArn(this, 'Certificate', stage.certificateArn),
          }
        : {}),
      ...(stage.webAclArn ? { webAclId: stage.webAclArn } : {}),
      enableLogging: true,
      logBucket: props.logs,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        compress: true,
        functionAssociations: [
          {
            eventType: FunctionEventType.VIEWER_REQUEST,
            function: new CloudFrontFunction(this, 'SpaRoutes', {
              code: FunctionCode.fromInline(SPA_ROUTES),
              runtime: FunctionRuntime.JS_2_0,
              comment: 'Serve index.html for the web app routes',
            }),
          },
        ],
      },
      additionalBehaviors: {
        // Every method, nothing cached; all viewer headers but Host (API Gateway routes on its own).
        '/api/*': {
          origin: api,
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: headers,
        },
      },
    });

    Annotations.of(this).acknowledgeWarning(
      '@aws-cdk/aws-cloudfront-origins:wildcardKeyPolicyForOac',
      "The site key encrypts only the web app's public files; CloudFront may use it for distributions of " +
        'this account only, and naming this one would make the key, bucket and distribution depend on each other.',
    );

    this.url = `https://${stage.domainName ?? this.distribution.distributionDomainName}`;
  }

  /**
   * Uploads the built web app and its configuration. Vite names assets by content hash, so they are
   * cached for good; index.html and config.json are always revalidated, and written after the assets.
   */
  deployWebApp(webDir: string, config: object): void {
    const assets = new BucketDeployment(this, 'WebAssets', {
      sources: [Source.asset(webDir)],
      destinationBucket: this.bucket,
      exclude: ['index.html', 'config.json'],
      cacheControl: [
        CacheControl.setPublic(),
        CacheControl.maxAge(Duration.days(365)),
        CacheControl.immutable(),
      ],
      retainOnDelete: false,
      memoryLimit: 512,
    });
    const entry = new BucketDeployment(this, 'WebIndex', {
      sources: [Source.asset(webDir), Source.jsonData('config.json', config)],
      destinationBucket: this.bucket,
      exclude: ['*'],
      include: ['index.html', 'config.json'],
      prune: false,
      cacheControl: [CacheControl.noCache()],
      distribution: this.distribution,
      distributionPaths: ['/index.html', '/config.json'],
      retainOnDelete: false,
      memoryLimit: 512,
    });
    entry.node.addDependency(assets);
  }
}
