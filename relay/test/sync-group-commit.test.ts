import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { openPostgresStorage } from '../src/storage/postgres-storage.js';
import { openSqliteStorage } from '../src/storage/sqlite-storage.js';
import type { Storage, SyncAppendRequest } from '../src/storage/storage.js';
import { syncLogGroupCommit } from '../src/storage/sync-log-group-commit.js';
import { makeTempDir, testDatabase } from './helpers/test-relay.js';
import { createLogger } from '../src/log.js';

const WORKSPACE = '00000000-0000-4000-8000-000000000001';
const OTHER = '00000000-0000-4000-8000-000000000002';

/** The storage the suite runs on: SQLite, or in the PostgreSQL run a new database. */
async function openSuiteStorage(dir: string): Promise<{ storage: Storage; drop(): Promise<void> }> {
	const database = await testDatabase({});
	const url = database.env['BILLFOLD_DATABASE_URL'];
	if (url === undefined) return { storage: openSqliteStorage(dir), drop: database.drop };
	const log = createLogger({ level: 'error', write: () => undefined });
	return { storage: await openPostgresStorage(url, { leaseMs: 5000, log }), drop: database.drop };
}

const row = (clientId: string, seed = 1) => ({
	clientId,
	docId: `doc-${seed % 3}`,
	envelope: Buffer.alloc(48, seed)
});

describe('sync log group commit', () => {
	let dir: string;
	let storage: Storage;
	let drop: () => Promise<void>;

	before(async () => {
		dir = await makeTempDir('group-commit');
		({ storage, drop } = await openSuiteStorage(dir));
		for (const [index, id] of [WORKSPACE, OTHER].entries()) {
			await storage.workspaces.create(
				{ id, name: null, createdAt: 1 },
				{
					id: `0000000${index}-0000-4000-8000-0000000000d0`,
					workspaceId: id,
					name: 'laptop',
					tokenHash: `hash-${index}`,
					createdAt: 1
				}
			);
		}
	});
	/** A group commit on the suite's storage that records each group's size, waiting at most `limitMs`. */
	const countingGroupCommit = (groups: number[], limitMs: number) =>
		syncLogGroupCommit(
			{
				appendMany: (requests, at) => {
					groups.push(requests.length);
					return storage.syncLog.appendMany(requests, at);
				}
			},
			() => storage.durable(),
			() => 1,
			() => limitMs
		);

	after(async () => {
		await storage.close();
		await drop();
		await fs.rm(dir, { recursive: true, force: true });
	});

	it('appends concurrent pushes in one transaction and answers each only after the flush that covers it', async () => {
		const events: string[] = [];
		const groups: number[] = [];
		const appends = syncLogGroupCommit(
			{
				appendMany: async (requests, at) => {
					groups.push(requests.length);
					const outcomes = await storage.syncLog.appendMany(requests, at);
					events.push('commit');
					return outcomes;
				}
			},
			async () => {
				events.push('flush-start');
				await storage.durable();
				events.push('flush-end');
			},
			() => 1_800_000_000_000
		);
		const start = await storage.syncLog.head(WORKSPACE);
		const answers = await Promise.all(
			Array.from({ length: 32 }, (_, i) =>
				appends
					.append({ workspaceId: WORKSPACE, deviceId: `device-${i}`, rows: [row(`group-${i}`, i)] })
					.then((outcome) => {
						events.push('answer');
						return outcome;
					})
			)
		);
		assert.deepEqual(groups, [32], 'one transaction for the whole group');
		assert.deepEqual(events.slice(0, 3), ['commit', 'flush-start', 'flush-end']);
		assert.equal(events.filter((e) => e === 'answer').length, 32);
		assert.deepEqual(
			answers.map((a) => a.acks[0]?.seq),
			Array.from({ length: 32 }, (_, i) => start + i + 1),
			'gap-free, in arrival order'
		);
		const pulled = await storage.syncLog.pull(WORKSPACE, start, 100);
		assert.deepEqual(
			pulled.rows.map((r) => r.clientId),
			Array.from({ length: 32 }, (_, i) => `group-${i}`)
		);
	});

	// A regression that waits the whole limit would take 5 rounds × 60 s: fail well before.
	it(
		'lets the next group wait for the devices the last flush answered, so they do not split into halves',
		{ timeout: 30_000 },
		async () => {
			// Devices in a closed loop, as the relay bench and a busy office are: each pushes again
			// right after its answer, device i only i turns of the event loop later (the network). A
			// group that flushed without the latecomers would leave them to a flush of their own,
			// and from then on the devices would take turns in two halves.
			const groups: number[] = [];
			const appends = countingGroupCommit(groups, 60_000);
			const devices = 8;
			const rounds = 5;
			const turns = (n: number) =>
				Array.from({ length: n }).reduce<Promise<void>>(
					(previous) => previous.then(() => new Promise<void>((resolve) => setImmediate(resolve))),
					Promise.resolve()
				);
			await Promise.all(
				Array.from({ length: devices }, async (_, device) => {
					for (let round = 0; round < rounds; round++) {
						await appends.append({
							workspaceId: WORKSPACE,
							deviceId: `loop-${device}`,
							rows: [row(`loop-${device}-${round}`, device)]
						});
						await turns(device + 1);
					}
				})
			);
			assert.deepEqual(
				groups,
				Array.from({ length: rounds }, () => devices)
			);
		}
	);

	it(
		'does not wait past its limit for a device that does not come back',
		{ timeout: 30_000 },
		async () => {
			const groups: number[] = [];
			const appends = countingGroupCommit(groups, 1);
			await Promise.all([
				appends.append({ workspaceId: WORKSPACE, deviceId: 'a', rows: [row('gone-a')] }),
				appends.append({ workspaceId: WORKSPACE, deviceId: 'b', rows: [row('gone-b')] })
			]);
			// Only one of the two answered devices pushes again. Its group may wait 1 ms for the
			// other; the other does push again, but only 10 s on (a timer, cleared once the first
			// push is answered). A group that waited past its limit would still be waiting then, take
			// the latecomer in, and answer both together: the order of events tells the two apart.
			const events: string[] = [];
			let later: NodeJS.Timeout | undefined;
			const latecomer = new Promise<void>((resolve, reject) => {
				later = setTimeout(() => {
					events.push('b pushes');
					appends
						.append({ workspaceId: WORKSPACE, deviceId: 'b', rows: [row('gone-b-again')] })
						.then(() => resolve(), reject);
				}, 10_000);
			});
			const outcome = await appends
				.append({ workspaceId: WORKSPACE, deviceId: 'a', rows: [row('gone-a-again')] })
				.then((answer) => {
					events.push('a answered');
					return answer;
				});
			if (!events.includes('b pushes')) clearTimeout(later);
			else await latecomer;
			assert.deepEqual(events, ['a answered'], 'answered without waiting for the latecomer');
			assert.equal(outcome.appended, 1);
			assert.deepEqual(groups, [2, 1]);
		}
	);

	it('keeps idempotency and workspaces apart inside one group', async () => {
		const appends = syncLogGroupCommit(
			storage.syncLog,
			() => storage.durable(),
			() => 1
		);
		const requests: SyncAppendRequest[] = [
			{ workspaceId: OTHER, deviceId: 'd1', rows: [row('same-id', 1), row('other-a', 2)] },
			{ workspaceId: OTHER, deviceId: 'd2', rows: [row('same-id', 1), row('other-b', 3)] },
			{ workspaceId: WORKSPACE, deviceId: 'd3', rows: [row('same-id', 1)] }
		];
		const start = await storage.syncLog.head(OTHER);
		const [first, second, third] = await Promise.all(requests.map((r) => appends.append(r)));
		assert.deepEqual(first?.acks, [
			{ clientId: 'same-id', seq: start + 1 },
			{ clientId: 'other-a', seq: start + 2 }
		]);
		assert.deepEqual(second?.acks, [
			{ clientId: 'same-id', seq: start + 1 },
			{ clientId: 'other-b', seq: start + 3 }
		]);
		assert.equal(second?.appended, 1);
		assert.equal(third?.appended, 1, 'a client id is per workspace');
	});

	it('fails only the push whose append fails when the group transaction fails', async () => {
		const appends = syncLogGroupCommit(
			{
				appendMany: (requests, at) =>
					requests.some((r) => r.rows.some((x) => x.clientId === 'poison-row'))
						? Promise.reject(new Error('refused'))
						: storage.syncLog.appendMany(requests, at)
			},
			() => storage.durable(),
			() => 1
		);
		const results = await Promise.allSettled([
			appends.append({ workspaceId: WORKSPACE, deviceId: 'd', rows: [row('healthy-1')] }),
			appends.append({ workspaceId: WORKSPACE, deviceId: 'd', rows: [row('poison-row')] }),
			appends.append({ workspaceId: WORKSPACE, deviceId: 'd', rows: [row('healthy-2')] })
		]);
		assert.deepEqual(
			results.map((r) => r.status),
			['fulfilled', 'rejected', 'fulfilled']
		);
	});

	it('answers no push when the flush fails', async () => {
		const appends = syncLogGroupCommit(
			storage.syncLog,
			() => Promise.reject(new Error('disk gone')),
			() => 1
		);
		await assert.rejects(
			appends.append({ workspaceId: WORKSPACE, deviceId: 'd', rows: [row('unflushed')] }),
			/disk gone/
		);
	});
});
