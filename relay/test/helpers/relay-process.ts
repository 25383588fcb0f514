import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs/promises';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { makeStaticDir, makeTempDir, testDatabase } from './test-relay.js';
import { TEST_INVITE_TOKEN } from './workspace.js';

const relayDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const mainJs = path.join(relayDir, 'dist/main.js');

export interface RelayProcess {
	child: ChildProcess;
	url: string;
	/** Every JSON log line, parsed. */
	events: Record<string, unknown>[];
	/** Calls `listener` with each JSON log line logged from now on; returns the unsubscribe. */
	onEvent(listener: (event: Record<string, unknown>) => void): () => void;
	/** Set once the process has exited, with its exit code or signal. */
	exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
	stop(): Promise<void>;
}

/**
 * Spawns the built relay (dist/main.js) as `npm start` runs it, on port 0 with fresh data and
 * static directories, and resolves once it logs `listening`. Tests that must prove the process
 * survives something use this rather than an in-process relay.
 */
export async function spawnRelayProcess(env: Record<string, string> = {}): Promise<RelayProcess> {
	const dataDir = await makeTempDir('proc');
	const staticDir = await makeStaticDir();
	const database = await testDatabase(env);
	const child = spawn(process.execPath, [mainJs], {
		env: {
			PATH: process.env['PATH'] ?? '',
			BILLFOLD_PORT: '0',
			BILLFOLD_DATA_DIR: dataDir,
			BILLFOLD_STATIC_DIR: staticDir,
			BILLFOLD_INVITE_TOKEN: TEST_INVITE_TOKEN,
			BILLFOLD_DNS_SERVERS: '127.0.0.1:9',
			BILLFOLD_VIES_URL: 'http://127.0.0.1:9',
			BILLFOLD_LOG_LEVEL: 'info',
			...database.env,
			...env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const events: Record<string, unknown>[] = [];
	const listeners = new Set<(event: Record<string, unknown>) => void>();
	let stderr = '';
	child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	const handle: RelayProcess = {
		child,
		url: '',
		events,
		onEvent(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		exit: undefined,
		async stop() {
			if (handle.exit === undefined) {
				const exited = once(child, 'exit');
				child.kill('SIGTERM');
				await exited;
			}
			await database.drop();
			await fs.rm(dataDir, { recursive: true, force: true });
			await fs.rm(staticDir, { recursive: true, force: true });
		}
	};
	child.once('exit', (code, signal) => (handle.exit = { code, signal }));
	const listening = new Promise<string>((resolve, reject) => {
		if (child.stdout === null) return reject(new Error('no stdout'));
		readline.createInterface({ input: child.stdout }).on('line', (line) => {
			if (!line.startsWith('{')) return;
			const event = JSON.parse(line) as Record<string, unknown>;
			events.push(event);
			for (const listener of listeners) listener(event);
			if (event['event'] === 'listening') resolve(String(event['url']));
		});
		child.once('exit', (code) => reject(new Error(`relay exited with ${code}: ${stderr}`)));
	});
	handle.url = await listening;
	return handle;
}
