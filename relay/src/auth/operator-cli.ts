import { z } from 'zod';
import type { Config } from '../config.js';
import { createLogger } from '../log.js';
import { openStorage } from '../storage/open-storage.js';
import type { Storage } from '../storage/storage.js';
import { inviteLink, rotateInviteToken } from './invite.js';

export interface CliOutput {
	stdout(line: string): void;
	stderr(line: string): void;
}

const USAGE = [
	'Usage: node relay/dist/main.js [command]',
	'  (no command)       start the relay',
	'  invite             print an invite link (a generated one is replaced by a new one)',
	'  devices            list every workspace’s devices: workspace, device, role, state, name',
	'  owner <deviceId>   make that device its workspace’s owner (when the owner device is lost)'
].join('\n');

/**
 * The operator's commands on the relay's data directory. They run next to a running relay:
 * the database serialises the writes, and the relay reads roles and the invite hash per request.
 * Resolves the exit code, or undefined when the arguments ask to start the relay.
 */
export async function runOperatorCommand(
	args: readonly string[],
	config: Config,
	out: CliOutput
): Promise<number | undefined> {
	const [command, ...rest] = args;
	if (command === undefined) return undefined;
	const run = async (work: (storage: Storage) => Promise<number>): Promise<number> => {
		// The relay's JSON log goes to stderr, apart from the command's own output.
		const log = createLogger({
			level: 'warn',
			write: (line) => out.stderr(line)
		});
		const storage = await openStorage(config, log);
		try {
			const code = await work(storage);
			await storage.durable();
			return code;
		} finally {
			await storage.close();
		}
	};
	switch (command) {
		case 'invite':
			return run((storage) => printInvite(config, storage, out));
		case 'devices':
			return run((storage) => listDevices(storage, out));
		case 'owner': {
			const deviceId = z.uuid().safeParse(rest[0]);
			if (!deviceId.success || rest.length !== 1) {
				out.stderr(`owner needs one device id (a UUID; see the devices command).\n${USAGE}`);
				return 2;
			}
			return run((storage) => makeOwner(storage, deviceId.data, out));
		}
		default:
			out.stderr(`Unknown command "${command}".\n${USAGE}`);
			return 2;
	}
}

async function printInvite(config: Config, storage: Storage, out: CliOutput): Promise<number> {
	const base = config.publicUrl ?? `http://localhost:${config.port}`;
	if (config.inviteToken !== undefined) {
		out.stdout(inviteLink(base, config.inviteToken));
		return 0;
	}
	// Only the hash of the generated token is kept, so the old link cannot be shown again.
	out.stdout(inviteLink(base, await rotateInviteToken(storage.operator)));
	out.stderr('A new invite token was made; the previous invite link no longer works.');
	return 0;
}

async function listDevices(storage: Storage, out: CliOutput): Promise<number> {
	for (const d of await storage.devices.listAll()) {
		const state = d.revokedAt === null ? 'active' : 'revoked';
		out.stdout(`${d.workspaceId}  ${d.id}  ${d.role.padEnd(6)}  ${state.padEnd(7)}  ${d.name}`);
	}
	return 0;
}

async function makeOwner(storage: Storage, deviceId: string, out: CliOutput): Promise<number> {
	const outcome = await storage.devices.handOver(deviceId, { kind: 'operator' }, Date.now());
	switch (outcome.kind) {
		case 'handed-over':
			out.stdout(
				`Device ${deviceId} is now the owner of workspace ${outcome.workspaceId}.` +
					(outcome.previousOwnerId === null
						? ''
						: ` The previous owner, ${outcome.previousOwnerId}, is a member; its join links no longer work, and the new owner can revoke it.`)
			);
			return 0;
		case 'already-owner':
			out.stdout(`Device ${deviceId} already is the owner of workspace ${outcome.workspaceId}.`);
			return 0;
		case 'revoked':
			out.stderr(
				`Device ${deviceId} is revoked; choose an active device (see the devices command).`
			);
			return 1;
		case 'not-found':
		case 'other-workspace':
		case 'refused':
			out.stderr(`There is no device ${deviceId} on this relay (see the devices command).`);
			return 1;
	}
}
