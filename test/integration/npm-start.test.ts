import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { freePort } from '../../infra/local/ports.js';

const dataDir = join(mkdtempSync(join(tmpdir(), 'npm-start-')), 'state');
let child: ChildProcess | undefined;

afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGKILL');
    await new Promise((r) => child?.once('exit', r));
  }
  rmSync(join(dataDir, '..'), { recursive: true, force: true });
});

it('npm start serves on PORT and keeps its data in DATA_DIR', { timeout: 180_000 }, async () => {
  const hadDefaultData = existsSync('.data');
  const port = await freePort();
  // What `npm start` runs after building the web app.
  child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/main.ts'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const started = new Promise<void>((resolve, reject) => {
    child?.stdout?.on('data', (chunk) => {
      output += String(chunk);
      if (output.includes('Kerja Sama web app on')) resolve();
    });
    child?.stderr?.on('data', (chunk) => {
      output += String(chunk);
    });
    child?.once('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
  });
  await started;
  expect(output).toContain(
    `http://127.0.0.1:${port}/, API on http://127.0.0.1:${port}/api, data in ${dataDir}`,
  );

  const users = await fetch(`http://127.0.0.1:${port}/api/auth/dev-users`);
  expect(users.status).toBe(200);
  const login = await fetch(`http://127.0.0.1:${port}/api/auth/dev-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'biro.staf' }),
  });
  expect(login.status).toBe(200);

  expect(readdirSync(join(dataDir, 'dynamodb'))).toContain('shared-local-instance.db');
  expect(readdirSync(join(dataDir, 's3')).sort()).toEqual([
    'kerjasama-archive-local',
    'kerjasama-documents-local',
    'kerjasama-incoming-local',
  ]);
  expect(readdirSync(join(dataDir, 'auth'))).toEqual(['signing-key.jwk.json']);
  if (!hadDefaultData) expect(existsSync('.data')).toBe(false);

  const exited = new Promise<number | null>((r) => child?.once('exit', r));
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
  await expect(fetch(`http://127.0.0.1:${port}/api/auth/dev-users`)).rejects.toThrow();
});

it('npm start refuses an argument it does not know, saying how to start empty', {
  timeout: 60_000,
}, async () => {
  const refused = spawn(process.execPath, ['--import', 'tsx', 'infra/local/main.ts', '--emtpy'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  refused.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const code = await new Promise<number | null>((resolve) => refused.once('exit', resolve));
  expect(code).toBe(2);
  expect(stderr).toContain('Usage: npm start [-- --empty]');
});
