import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { RelaySocketConstructor } from '$lib/relay';

const root = resolve(import.meta.dirname, '../..');
export const RELAY_INVITE = 'sync-integration-invite-token';

/** The relay's own `ws` package: Node 20 has no WebSocket global. */
const relayRequire = createRequire(join(root, 'relay/package.json'));
export const { WebSocket: NodeWebSocket } = relayRequire('ws') as {
	WebSocket: RelaySocketConstructor;
};

/**
 * The real relay (relay/dist/main.js) as a child process with a throw-away data directory. It
 * binds port 0 itself on its first start (a port probed free and then handed over could be taken
 * by another process in between); it can be killed and started again on that port and data.
 */
export class RelayProcess {
	url = '';
	/** 0 until the first start has bound a port; the devices keep that URL across restarts. */
	#port = 0;
	#child: ChildProcess | undefined;

	private constructor(readonly dataDir: string) {}

	static async start(): Promise<RelayProcess> {
		const relay = new RelayProcess(await mkdtemp(join(tmpdir(), 'billfold-sync-')));
		await relay.restart();
		return relay;
	}

	async restart(): Promise<void> {
		const child = spawn(process.execPath, [join(root, 'relay/dist/main.js')], {
			env: {
				...process.env,
				BILLFOLD_PORT: String(this.#port),
				BILLFOLD_HOST: '127.0.0.1',
				BILLFOLD_DATA_DIR: this.dataDir,
				BILLFOLD_STATIC_DIR: this.dataDir,
				BILLFOLD_INVITE_TOKEN: RELAY_INVITE,
				BILLFOLD_LOG_LEVEL: 'warn',
				BILLFOLD_RATE_LIMIT_PER_MINUTE: '1000000',
				BILLFOLD_RATE_LIMIT_BURST: '100000',
				BILLFOLD_DNS_SERVERS: '127.0.0.1:9'
			},
			stdio: ['ignore', 'pipe', 'pipe']
		});
		this.#child = child;
		this.url = await new Promise<string>((done, fail) => {
			let output = '';
			const onData = (chunk: Buffer) => {
				output += chunk.toString();
				const match = /running at (http:\/\/[^\s]+)/.exec(output);
				if (match?.[1]) {
					child.stdout?.off('data', onData);
					done(match[1]);
				}
			};
			child.stdout?.on('data', onData);
			child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
			child.once('exit', (code) => fail(new Error(`relay exited with ${code}:\n${output}`)));
		});
		this.#port = Number(new URL(this.url).port);
	}

	/** SIGKILL: no graceful shutdown, whatever was not durable is lost. */
	async kill(): Promise<void> {
		const child = this.#child;
		if (!child || child.exitCode !== null || child.signalCode !== null) return;
		const exited = new Promise((done) => child.once('exit', done));
		child.kill('SIGKILL');
		await exited;
	}

	/** Every byte the relay keeps in its data directory (database, WAL, previews). */
	async storedBytes(): Promise<Buffer> {
		const files = await readdir(this.dataDir, { recursive: true, withFileTypes: true });
		const parts = await Promise.all(
			files
				.filter((file) => file.isFile())
				.map((file) => readFile(join(file.parentPath, file.name)))
		);
		return Buffer.concat(parts);
	}

	async stop(): Promise<void> {
		await this.kill();
		await rm(this.dataDir, { recursive: true, force: true });
	}
}
