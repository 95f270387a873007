import { existsSync } from 'node:fs';
import { App, Validations } from 'aws-cdk-lib';
import { Code } from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks } from 'cdk-nag';
import { bundleFunctions } from './bundle.js';
import { AgreementsStack } from './stack.js';
import { stageFromContext } from './stage.js';

/**
 * The CDK app: bundles every handler (the same bundles `npm run bench` measures), then defines the
 * stack of the stage named by `-c stage=dev|prod`. `npm run synth` builds the web app first when the
 * project has a `build:web` script.
 */
const OUT_DIR = 'dist/functions';
const WEB_DIR = 'web/dist';

const app = new App();
const stage = stageFromContext(app);
await bundleFunctions(OUT_DIR);

const webDir = existsSync(`${WEB_DIR}/index.html`) ? WEB_DIR : undefined;
if (!webDir) console.warn(`${WEB_DIR}/index.html not found: the site bucket is created empty`);

new AgreementsStack(app, stage.stackName, {
  stage,
  env: { account: stage.account ?? process.env.CDK_DEFAULT_ACCOUNT, region: stage.region },
  code: (fn) => Code.fromAsset(`${OUT_DIR}/${fn.name}`),
  webDir,
});
// Every synthesis runs the AWS Solutions checks; a finding infra/nag.ts does not acknowledge stops it.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
app.synth();
