import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { call, field } from './helpers/http.js';
import { startTestRelay, type TestRelay } from './helpers/test-relay.js';
import { joinDevice, registerWorkspace, type DeviceCredentials } from './helpers/workspace.js';

describe('sequencer', () => {
	let t: TestRelay;
	let owner: DeviceCredentials;

	before(async () => {
		t = await startTestRelay();
		owner = await registerWorkspace(t.url);
	});
	after(() => t.close());

	const issue = (
		device: DeviceCredentials,
		seriesId: string,
		invoiceId: string,
		issueDate: string
	) =>
		call(t.url, 'POST', `/api/v1/workspaces/${device.workspaceId}/series/${seriesId}/issue`, {
			token: device.deviceToken,
			json: { invoiceId, issueDate }
		});

	it('gives 50 concurrent requests from 50 devices the numbers 1..50, and a retry the same number', async () => {
		const devices = [owner];
		for (let i = 1; i < 50; i++) devices.push(await joinDevice(t.url, owner, `device ${i}`));
		const invoiceIds = devices.map(() => randomUUID());
		const results = await Promise.all(
			devices.map((device, i) => issue(device, 'INV-2026', invoiceIds[i] ?? '', '2026-03-01'))
		);
		for (const result of results) assert.equal(result.status, 201, result.text);
		const numbers = results.map((r) => field<number>(r.body, 'number')).sort((a, b) => a - b);
		assert.deepEqual(
			numbers,
			Array.from({ length: 50 }, (_, i) => i + 1)
		);

		// Every device retries its request at once: each gets its own number back, nothing new is issued.
		const retries = await Promise.all(
			devices.map((device, i) => issue(device, 'INV-2026', invoiceIds[i] ?? '', '2026-03-05'))
		);
		retries.forEach((retry, i) => {
			assert.equal(retry.status, 200);
			assert.equal(field(retry.body, 'number'), field(results[i]?.body, 'number'));
			assert.equal(field(retry.body, 'issueDate'), '2026-03-01');
			assert.equal(field(retry.body, 'replayed'), true);
		});
		const state = await call(
			t.url,
			'GET',
			`/api/v1/workspaces/${owner.workspaceId}/series/INV-2026`,
			{ token: owner.deviceToken }
		);
		assert.deepEqual(state.body, {
			seriesId: 'INV-2026',
			lastNumber: 50,
			lastIssueDate: '2026-03-01'
		});
	});

	it('never gives an issue date earlier than the series’ last one', async () => {
		const first = await issue(owner, 'DATES', randomUUID(), '2026-04-10');
		const earlier = await issue(owner, 'DATES', randomUUID(), '2026-04-02');
		const later = await issue(owner, 'DATES', randomUUID(), '2026-04-11');
		assert.deepEqual(
			[first, earlier, later].map((r) => [field(r.body, 'number'), field(r.body, 'issueDate')]),
			[
				[1, '2026-04-10'],
				[2, '2026-04-10'],
				[3, '2026-04-11']
			]
		);
	});

	it('keeps series independent and refuses to number one invoice in two series', async () => {
		const invoiceId = randomUUID();
		assert.equal(field((await issue(owner, 'CN-2026', invoiceId, '2026-01-01')).body, 'number'), 1);
		const conflict = await issue(owner, 'OTHER', invoiceId, '2026-01-01');
		assert.equal(conflict.status, 409);
		assert.equal(field(conflict.body, 'error', 'code'), 'conflict');
		assert.equal(field(conflict.body, 'error', 'fields', 0, 'path'), 'invoiceId');
	});

	it('refuses an issue date beyond the allowed clock skew', async () => {
		const result = await issue(owner, 'SKEW', randomUUID(), '2099-01-01');
		assert.equal(result.status, 400);
		assert.equal(field(result.body, 'error', 'fields', 0, 'path'), 'issueDate');
	});

	it('seeds a series once from the local counter, then continues after it', async () => {
		const path = `/api/v1/workspaces/${owner.workspaceId}/series/SEEDED`;
		const seeded = await call(t.url, 'PUT', path, {
			token: owner.deviceToken,
			json: { lastNumber: 41, lastIssueDate: '2026-02-01' }
		});
		assert.equal(seeded.status, 200, seeded.text);
		const next = await issue(owner, 'SEEDED', randomUUID(), '2026-01-15');
		assert.deepEqual(
			[field(next.body, 'number'), field(next.body, 'issueDate')],
			[42, '2026-02-01']
		);
		const again = await call(t.url, 'PUT', path, {
			token: owner.deviceToken,
			json: { lastNumber: 1, lastIssueDate: null }
		});
		assert.equal(again.status, 409);
	});

	it('bounds series numbers to nine digits: a seed beyond them is a 400 naming lastNumber', async () => {
		const path = `/api/v1/workspaces/${owner.workspaceId}/series/HUGE`;
		for (const lastNumber of [Number.MAX_SAFE_INTEGER - 1, 1_000_000_000, -1]) {
			const refused = await call(t.url, 'PUT', path, {
				token: owner.deviceToken,
				json: { lastNumber, lastIssueDate: null }
			});
			assert.equal(refused.status, 400, `${lastNumber}: ${refused.text}`);
			assert.equal(field(refused.body, 'error', 'code'), 'invalid-request');
			assert.equal(field(refused.body, 'error', 'fields', 0, 'path'), 'lastNumber');
		}
		// Nothing was stored: the series still starts at 1.
		const first = await issue(owner, 'HUGE', randomUUID(), '2026-01-01');
		assert.equal(first.status, 201, first.text);
		assert.equal(field(first.body, 'number'), 1);
	});

	it('answers 409 series-exhausted after 999,999,999 and keeps the series usable', async () => {
		const path = `/api/v1/workspaces/${owner.workspaceId}/series/NEAR-END`;
		const seeded = await call(t.url, 'PUT', path, {
			token: owner.deviceToken,
			json: { lastNumber: 999_999_998, lastIssueDate: '2026-01-01' }
		});
		assert.equal(seeded.status, 200, seeded.text);
		const lastInvoice = randomUUID();
		const last = await issue(owner, 'NEAR-END', lastInvoice, '2026-01-02');
		assert.equal(last.status, 201, last.text);
		assert.equal(field(last.body, 'number'), 999_999_999);

		const beyond = randomUUID();
		for (let attempt = 0; attempt < 2; attempt++) {
			const exhausted = await issue(owner, 'NEAR-END', beyond, '2026-01-02');
			assert.equal(exhausted.status, 409, exhausted.text);
			assert.equal(field(exhausted.body, 'error', 'code'), 'series-exhausted');
			assert.equal(field(exhausted.body, 'error', 'fields', 0, 'path'), 'seriesId');
			assert.match(field<string>(exhausted.body, 'error', 'message'), /999999999|999,999,999/);
		}
		// The series still answers: its state, a retry of the last number, and the refused invoice
		// in a fresh series.
		const state = await call(t.url, 'GET', path, { token: owner.deviceToken });
		assert.deepEqual(state.body, {
			seriesId: 'NEAR-END',
			lastNumber: 999_999_999,
			lastIssueDate: '2026-01-02'
		});
		const retry = await issue(owner, 'NEAR-END', lastInvoice, '2026-01-02');
		assert.equal(retry.status, 200, retry.text);
		assert.equal(field(retry.body, 'number'), 999_999_999);
		const elsewhere = await issue(owner, 'NEXT-SERIES', beyond, '2026-01-02');
		assert.equal(elsewhere.status, 201, elsewhere.text);
		assert.equal(field(elsewhere.body, 'number'), 1);
	});

	it('numbers each workspace on its own', async () => {
		const other = await registerWorkspace(t.url, 'other laptop');
		const result = await issue(other, 'INV-2026', randomUUID(), '2026-03-01');
		assert.equal(field(result.body, 'number'), 1);
	});
});
