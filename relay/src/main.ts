#!/usr/bin/env node
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runOperatorCommand } from './auth/operator-cli.js';
import { ConfigError, parseConfig } from './config.js';
import { createLogger, errorKind } from './log.js';
import { startRelay } from './relay.js';

const relayDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function main(): Promise<void> {
	const config = parseConfig(process.env, relayDir);

	// `node relay/dist/main.js invite | devices | owner <deviceId>`: the operator's commands.
	const exitCode = await runOperatorCommand(process.argv.slice(2), config, {
		stdout: (line) => process.stdout.write(`${line}\n`),
		stderr: (line) => process.stderr.write(`${line}\n`)
	});
	if (exitCode !== undefined) {
		process.exitCode = exitCode;
		return;
	}

	const log = createLogger({ level: config.logLevel });
	const relay = await startRelay(config, { log });
	const banner = [`Billfold relay is running at ${relay.url}`];
	if (config.publicUrl !== undefined) banner.push(`Public URL: ${config.publicUrl}`);
	if (relay.firstInviteLink !== undefined) {
		banner.push(
			`Open this link to join your first device (it registers your workspace):`,
			`  ${relay.firstInviteLink}`
		);
	} else {
		banner.push('For an invite link, run: node relay/dist/main.js invite');
	}
	process.stdout.write(`\n${banner.join('\n')}\n\n`);

	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) return;
		stopping = true;
		log.info('shutting-down', { signal });
		relay.close().then(
			() => process.exit(0),
			(error: unknown) => {
				log.error('shutdown-failed', { error: errorKind(error) });
				process.exit(1);
			}
		);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
	if (error instanceof ConfigError) {
		process.stderr.write(`${error.message}\n`);
	} else {
		process.stderr.write(
			`The relay could not start: ${error instanceof Error ? error.message : String(error)}\n`
		);
	}
	process.exit(1);
});
