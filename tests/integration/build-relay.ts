import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Vitest global setup: the integration tests that run the real relay process start
 * relay/dist/main.js, so the relay is compiled once before any test file runs, whatever order
 * the files run in.
 */
export default function buildRelay(): void {
	const relayDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../relay');
	execFileSync(
		process.execPath,
		[
			path.join(relayDir, 'node_modules/typescript/bin/tsc'),
			'-p',
			path.join(relayDir, 'tsconfig.json')
		],
		{ stdio: 'inherit' }
	);
}
