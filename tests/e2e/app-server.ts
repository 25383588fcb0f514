import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface AppServer {
	url: string;
	/** The one-click link the relay prints on its first start, as a path on `url`. */
	invitePath: string | undefined;
	dataDir: string;
	stop(): Promise<void>;
}

/**
 * Starts the built app behind the real relay on port 0 with a throw-away data directory and
 * resolves once the relay prints the address it listens on. `relayMain`: another build of the
 * relay (the sync bench's A/B compares two).
 */
export async function startAppServer(
	env: Record<string, string> = {},
	relayMain = 'relay/dist/main.js'
): Promise<AppServer> {
	const dataDir = await mkdtemp(join(tmpdir(), 'billfold-e2e-'));
	const child = spawn(process.execPath, [relayMain], {
		env: {
			...process.env,
			BILLFOLD_PORT: '0',
			BILLFOLD_HOST: '127.0.0.1',
			BILLFOLD_DATA_DIR: dataDir,
			...env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const { url, invitePath } = await waitForBanner(child);
	return {
		url,
		invitePath,
		dataDir,
		async stop() {
			if (child.exitCode === null) {
				const exited = new Promise((resolve) => child.once('exit', resolve));
				child.kill('SIGTERM');
				await exited;
			}
			await rm(dataDir, { recursive: true, force: true });
		}
	};
}

function waitForBanner(child: ChildProcess): Promise<{ url: string; invitePath?: string }> {
	return new Promise((resolve, reject) => {
		let output = '';
		const onData = (chunk: Buffer) => {
			output += chunk.toString();
			const running = /running at (https?:\/\/[^\s]+)/.exec(output);
			// The banner ends with a blank line; the invite link, if any, comes before it.
			if (running?.[1] && /\n\n/.test(output.slice(running.index))) {
				child.stdout?.off('data', onData);
				const invite = /https?:\/\/[^\s]+(\/settings\/relay\?invite=[^\s]+)/.exec(output);
				resolve({ url: running[1], invitePath: invite?.[1] });
			}
		};
		child.stdout?.on('data', onData);
		child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.once('exit', (code) => reject(new Error(`app server exited with ${code}:\n${output}`)));
	});
}
