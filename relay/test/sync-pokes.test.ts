import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLogger } from '../src/log.js';
import type { SyncPoke, SyncRow } from '../src/protocol/index.js';
import type { SyncAppendRequest } from '../src/storage/sync-log-store.js';
import { syncLogGroupCommit } from '../src/storage/sync-log-group-commit.js';
import { createSyncPokes } from '../src/ws/sync-pokes.js';

const WORKSPACE = '00000000-0000-4000-8000-000000000001';
const log = createLogger({ level: 'error', write: () => undefined });

const row = (seq: number): SyncRow => ({
	seq,
	docId: 'invoice:1',
	clientId: `client-${seq}`,
	kind: 'update',
	envelope: Buffer.alloc(48, seq).toString('base64')
});

describe('sync pokes', () => {
	it('pokes once for the pushes one flush made durable, with all their rows, before any of them is answered', async () => {
		const published: SyncPoke[] = [];
		const pokes = createSyncPokes((_, message) => published.push(message), log);
		let head = 0;
		// The group commit as the relay runs it, over a log in memory: one flush per group.
		const appends = syncLogGroupCommit(
			{
				appendMany: async (requests: readonly SyncAppendRequest[]) =>
					requests.map((request) => {
						const acks = request.rows.map((r) => ({ clientId: r.clientId, seq: ++head }));
						return { acks, head, appended: acks.length };
					})
			},
			async () => undefined,
			() => 1
		);
		// As createSyncPush does: report the rows once durable, then answer.
		const push = async (index: number): Promise<number> => {
			const outcome = await appends.append({
				workspaceId: WORKSPACE,
				deviceId: `device-${index}`,
				rows: [{ clientId: `client-${index}`, docId: 'invoice:1', envelope: Buffer.alloc(48) }]
			});
			pokes.appended(WORKSPACE, outcome.head, [row(outcome.acks[0]?.seq ?? 0)]);
			return outcome.head;
		};
		const pokedWhenAnswered = await Promise.all(
			[0, 1, 2].map((index) => push(index).then(() => published.length))
		);
		assert.deepEqual(pokedWhenAnswered, [1, 1, 1]);
		assert.equal(published.length, 1);
		assert.equal(published[0]?.head, 3);
		assert.deepEqual(
			published[0]?.rows?.map((r) => r.seq),
			[1, 2, 3]
		);
		pokes.close();
	});

	it('does not echo a poke to the socket that pushed all its rows, and pokes every socket otherwise', async () => {
		const sent: { head: number; except: object | undefined }[] = [];
		const pokes = createSyncPokes(
			(_, message, except) => sent.push({ head: message.head, except }),
			log
		);
		const [laptop, phone] = [{}, {}];
		const flushed = () => new Promise<void>((resolve) => queueMicrotask(resolve));
		// One socket's push, two of them from the same socket in one flush: not sent back to it.
		pokes.appended(WORKSPACE, 1, [row(1)], laptop);
		await flushed();
		pokes.appended(WORKSPACE, 2, [row(2)], laptop);
		pokes.appended(WORKSPACE, 3, [row(3)], laptop);
		await flushed();
		// Two sockets' rows in one poke, an HTTP push, a head without rows: to every socket.
		pokes.appended(WORKSPACE, 4, [row(4)], laptop);
		pokes.appended(WORKSPACE, 5, [row(5)], phone);
		await flushed();
		pokes.appended(WORKSPACE, 6, [row(6)]);
		await flushed();
		pokes.appended(WORKSPACE, 7, [row(7)], laptop);
		pokes.appended(WORKSPACE, 8);
		await flushed();
		assert.deepEqual(sent, [
			{ head: 1, except: laptop },
			{ head: 3, except: laptop },
			{ head: 5, except: undefined },
			{ head: 6, except: undefined },
			{ head: 8, except: undefined }
		]);
		pokes.close();
	});
});
