import { App } from 'aws-cdk-lib';
import { Code } from 'aws-cdk-lib/aws-lambda';
import { bundleFunctions } from './bundle.js';
import { AgreementsStack } from './stack.js';

/** The CDK app: bundles every handler (the same bundles `npm run bench` measures), then defines the stack. */
const OUT_DIR = 'dist/functions';
await bundleFunctions(OUT_DIR);

const app = new App();
new AgreementsStack(app, 'KerjaSama', {
  env: {
    account: process.env.CDK_DEFAULT_ACCOUNT,
    region: process.env.CDK_DEFAULT_REGION ?? 'ap-southeast-3',
  },
  code: (fn) => Code.fromAsset(`${OUT_DIR}/${fn.name}`),
  senderEmail: app.node.tryGetContext('senderEmail') ?? 'no-reply@kerjasama.example.go.id',
});
app.synth();
