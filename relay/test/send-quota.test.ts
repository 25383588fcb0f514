import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { call, field } from './helpers/http.js';
import { newPostgresDatabase } from './helpers/postgres-server.js';
import { sendRequest } from './helpers/send-request.js';
import { startTestRelay, type TestRelay } from './helpers/test-relay.js';
import { registerWorkspace } from './helpers/workspace.js';

const HOUR_MS = 3_600_000;

/**
 * Send quotas are hourly counters written in the enqueue's own transaction (send-quota-schema.ts):
 * they hold when concurrent sends of one workspace land on two relay processes, and the migration
 * that introduced them carried over the sends of the last day.
 */
describe('send quota counters on PostgreSQL', () => {
	let db: { url: string; close(): Promise<void> };
	before(async () => {
		db = await newPostgresDatabase();
	});
	after(async () => {
		await db.close();
	});

	it('holds a workspace to its quota when concurrent sends land on two processes', async () => {
		const env = {
			BILLFOLD_DATABASE_URL: db.url,
			BILLFOLD_SEND_QUOTA_PER_DAY: '5',
			BILLFOLD_SEND_QUOTA_PER_DAY_TOTAL: '1000'
		};
		const relays: TestRelay[] = [await startTestRelay(env), await startTestRelay(env)];
		try {
			const device = await registerWorkspace(relays[0]?.url ?? '', 'quota');
			const outbox = `/api/v1/workspaces/${device.workspaceId}/outbox`;
			const results = await Promise.all(
				Array.from({ length: 12 }, (_, i) =>
					call(relays[i % 2]?.url ?? '', 'POST', outbox, {
						token: device.deviceToken,
						json: sendRequest({ channel: 'email' })
					})
				)
			);
			const statuses = results.map((r) => r.status).sort();
			assert.deepEqual(statuses, [...Array(5).fill(202), ...Array(7).fill(429)]);
			for (const refused of results.filter((r) => r.status === 429))
				assert.equal(field(refused.body, 'error', 'code'), 'quota-exceeded');
			const client = new pg.Client({ connectionString: db.url });
			await client.connect();
			try {
				const { rows } = await client.query<{ scope: string; n: number }>(
					'SELECT scope, sum(n)::integer AS n FROM send_counts GROUP BY scope ORDER BY scope'
				);
				assert.deepEqual(rows, [
					{ scope: '', n: 5 },
					{ scope: device.workspaceId, n: 5 }
				]);
			} finally {
				await client.end();
			}
		} finally {
			for (const relay of relays) await relay.close();
		}
	});

	it('counts no more than a day back: an old hour neither counts nor stays', async () => {
		const relay = await startTestRelay({
			BILLFOLD_DATABASE_URL: db.url,
			BILLFOLD_SEND_QUOTA_PER_DAY: '2',
			BILLFOLD_SEND_QUOTA_PER_DAY_TOTAL: '1000'
		});
		const client = new pg.Client({ connectionString: db.url });
		await client.connect();
		try {
			const device = await registerWorkspace(relay.url, 'old sends');
			const hour = Math.floor(Date.now() / HOUR_MS);
			// Two sends 26 hours ago: past the window, so the quota is whole again.
			await client.query('INSERT INTO send_counts (scope, hour, n) VALUES ($1, $2, 2)', [
				device.workspaceId,
				hour - 26
			]);
			const outbox = `/api/v1/workspaces/${device.workspaceId}/outbox`;
			const statuses: number[] = [];
			for (let i = 0; i < 3; i++)
				statuses.push(
					(
						await call(relay.url, 'POST', outbox, {
							token: device.deviceToken,
							json: sendRequest({ channel: 'email' })
						})
					).status
				);
			assert.deepEqual(statuses, [202, 202, 429]);
			const { rows } = await client.query<{ hour: number }>(
				'SELECT hour::integer AS hour FROM send_counts WHERE scope = $1',
				[device.workspaceId]
			);
			// The old hour is deleted by the first send; only the current hour (or the next, had
			// the clock just turned) remains.
			assert.ok(rows.length > 0);
			assert.ok(rows.every((r) => r.hour >= hour));
		} finally {
			await client.end();
			await relay.close();
		}
	});

	it('counts a send the previous versions wrote themselves, once (migration 8)', async () => {
		const relay = await startTestRelay({
			BILLFOLD_DATABASE_URL: db.url,
			BILLFOLD_SEND_QUOTA_PER_DAY: '4',
			BILLFOLD_SEND_QUOTA_PER_DAY_TOTAL: '1000'
		});
		const client = new pg.Client({ connectionString: db.url });
		await client.connect();
		try {
			const device = await registerWorkspace(relay.url, 'rolling upgrade');
			const counted = async () =>
				(
					await client.query<{ n: number }>(
						'SELECT coalesce(sum(n), 0)::integer AS n FROM send_counts WHERE scope = $1',
						[device.workspaceId]
					)
				).rows[0]?.n;
			const content = JSON.stringify(sendRequest({ channel: 'email' }));
			const now = Date.now();
			// A process from before the counters: it counted with count(*) and inserted the job
			// itself (this is its SQL), so nothing but the database can count its send.
			const jobId = randomUUID();
			await client.query(
				`INSERT INTO outbox_jobs (id, workspace_id, invoice_id, resend, device_id, document_type, status,
				   next_attempt_at, created_at, updated_at, accepted_at)
				 VALUES ($1, $2, $3, $4, $5, $6, 'queued', $7, $7, $7, $7)`,
				[jobId, device.workspaceId, randomUUID(), 0, device.deviceId, 'invoice', now]
			);
			await client.query('INSERT INTO outbox_content (job_id, body) VALUES ($1, $2)', [
				jobId,
				content
			]);
			assert.equal(await counted(), 1);
			// The same process sending a failed job again moved accepted_at: a send again.
			await client.query(
				`UPDATE outbox_jobs SET status = 'queued', attempts = 0, next_attempt_at = $2, updated_at = $2,
				   accepted_at = $2 WHERE id = $1`,
				[jobId, now + 1]
			);
			assert.equal(await counted(), 2);
			// A process of the version before this one calls billfold_enqueue_v1, which counted the
			// send itself: counted once, not twice.
			const [v1] = (
				await client.query<{ kind: string }>(
					'SELECT kind FROM billfold_enqueue_v1($1, $2, $3, 0, $4, $5, $6, $7, 4, 1000, $8, $9)',
					[
						randomUUID(),
						device.workspaceId,
						randomUUID(),
						device.deviceId,
						'invoice',
						now,
						content,
						now - 86_400_000,
						'an old process'
					]
				)
			).rows;
			assert.equal(v1?.kind, 'created');
			assert.equal(await counted(), 3);
			// This version sees the three: one send left of four.
			const outbox = `/api/v1/workspaces/${device.workspaceId}/outbox`;
			const statuses: number[] = [];
			for (let i = 0; i < 2; i++)
				statuses.push(
					(
						await call(relay.url, 'POST', outbox, {
							token: device.deviceToken,
							json: sendRequest({ channel: 'email' })
						})
					).status
				);
			assert.deepEqual(statuses, [202, 429]);
			assert.equal(await counted(), 4);
		} finally {
			await client.end();
			await relay.close();
		}
	});
});
