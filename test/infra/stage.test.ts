import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { stageFromContext } from '../../infra/stage.js';
import { CDK_CONTEXT } from './support.js';

const stage = (context: Record<string, unknown>) =>
  stageFromContext(new App({ context: { ...CDK_CONTEXT, ...context } }));

describe('the stage’s timestamp authorities', () => {
  it('default to public RFC 3161 TSAs in both stages, in the order they are asked', () => {
    for (const name of ['dev', 'prod']) {
      expect(stage({ stage: name }).tsaUrls).toEqual([
        'http://timestamp.digicert.com',
        'http://timestamp.sectigo.com',
        'http://ts.ssl.com',
      ]);
    }
  });

  it('take a comma-separated override from the command line, and refuse what is no HTTP(S) URL', () => {
    expect(
      stage({ stage: 'prod', tsaUrls: 'https://tsa.example.go.id/tsr, http://backup.example' }).tsaUrls,
    ).toEqual(['https://tsa.example.go.id/tsr', 'http://backup.example']);
    expect(() => stage({ stage: 'prod', tsaUrls: 'ftp://tsa.example' })).toThrow(/tsaUrls/);
    expect(() => stage({ stage: 'prod', tsaUrls: [] })).toThrow(/tsaUrls/);
  });
});
