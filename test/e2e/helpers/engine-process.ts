import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../..');

/**
 * The engine as its own operating-system process, started from the build (`dist/`) exactly as
 * `npm run start:prod` does, for clients that must talk to a separately running server (newman, SDKs).
 */
export class EngineProcess {
  private constructor(
    readonly url: string,
    private readonly child: ChildProcess,
    private readonly dir: string,
    readonly output: string[],
  ) {}

  static async start(env: Record<string, string> = {}, entry = 'dist/main.js'): Promise<EngineProcess> {
    const dir = mkdtempSync(join(tmpdir(), 'engine-process-'));
    const output: string[] = [];
    const child = spawn(process.execPath, [join(ROOT, entry)], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', SQLITE_PATH: join(dir, 'engine.sqlite'), NO_COLOR: '1', FORCE_COLOR: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`engine did not start:\n${output.join('')}`)), 30_000);
      const onData = (chunk: Buffer) => {
        output.push(chunk.toString());
        const text = output.join('');
        const match = /Listening on (http:\/\/[^\s]+)/.exec(text);
        if (match || text.includes('Continuation worker started')) {
          clearTimeout(timer);
          resolve(match ? match[1] : '');
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`engine exited with ${code}:\n${output.join('')}`));
      });
    });
    return new EngineProcess(url, child, dir, output);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 5000)))]);
      clearTimeout(timer);
      if (this.child.exitCode === null) this.child.kill('SIGKILL');
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
