import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blankTemplateValues, templateFromValues, type RecurringTemplate } from '$lib/recurring';
import { createNudgeClient, createRelayClient, type RelayCredentials } from '$lib/relay';
import { RecurringNudge } from '$lib/state/recurring-nudge.svelte.js';
import { openDb, RecurringRepo, type BillfoldDb } from '$lib/storage';
import { RELAY_TEST_TIMEOUT_MS } from './relay-devices';
import { RELAY_INVITE, RelayProcess } from './sync-relay-process';

/** The relay checks dates against its own clock, so the test lives on today's date. */
const today = new Date().toISOString().slice(0, 10);
const NOW = `${today}T09:00:00.000Z`;
const CUSTOMER = 'Brouwerij Zeldzaam';
const EMAIL = 'owner-nudge@example.test';

let relay: RelayProcess;
let db: BillfoldDb;
let credentials: RelayCredentials;

beforeAll(async () => {
	relay = await RelayProcess.start();
	db = openDb('nudge-relay-spec');
	const registered = await createRelayClient({
		baseUrl: relay.url,
		fetch: (...args) => fetch(...args)
	}).registerWorkspace({ inviteToken: RELAY_INVITE, deviceName: 'laptop' });
	if (!registered.ok) throw new Error(registered.error.message);
	credentials = registered.value;
}, RELAY_TEST_TIMEOUT_MS);
afterAll(async () => {
	db.close();
	await db.delete();
	await relay.stop();
});

function template(id: string, dayOfMonth: number, paused = false): RecurringTemplate {
	const result = templateFromValues(
		{
			...blankTemplateValues(today),
			name: `${CUSTOMER} hosting`,
			contactId: 'c1',
			dayOfMonth: String(dayOfMonth),
			startDate: today,
			lines: [
				{
					key: 'l1',
					type: 'item',
					description: 'Hopteelt advies {period}',
					quantity: '1',
					unitCode: 'C62',
					unitPrice: '9876,54',
					vatCodeId: 'S21',
					discountPercent: ''
				}
			]
		},
		{ id, createdAt: NOW, now: NOW, notation: 'nl' }
	);
	if (!result.ok) throw new Error(JSON.stringify(result.problems));
	return { ...result.template, paused };
}

describe('the nudge opt-in against a real relay', () => {
	it('tells the relay dates and counts only, follows schedule changes, and opting out deletes them', async () => {
		const requests: string[] = [];
		const client = createNudgeClient({
			baseUrl: relay.url,
			fetch: (input, init) => {
				requests.push(`${init?.method ?? 'GET'} ${new URL(String(input)).pathname}`);
				return fetch(input, init);
			},
			credentials
		});
		const nudge = new RecurringNudge(
			async () => client,
			() => db,
			{ today: () => today }
		);
		const repo = new RecurringRepo(db);
		await repo.put(template('0196f000-0000-7000-8000-0000000000a1', 28), NOW);
		const puts = () => requests.filter((request) => request.startsWith('PUT'));

		// Never opted in: the app asks the relay nothing when it opens or a schedule changes.
		await nudge.publish();
		expect(requests).toEqual([]);
		await nudge.load();
		expect(nudge.view).toBe('off');
		await nudge.publish();
		expect(puts()).toEqual([]);
		expect((await client.status()).ok && (await client.status())).toMatchObject({
			value: { email: null, dates: 0 }
		});

		expect(await nudge.optIn(` ${EMAIL} `)).toBe(true);
		expect(nudge.view).toBe('on');
		const first = await client.status();
		expect(first.ok && first.value.email).toBe(EMAIL);
		const monthly = first.ok ? first.value.dates : 0;
		expect(monthly).toBeGreaterThanOrEqual(13);

		// A second running template on the same day adds to the counts, not to the dates; a
		// paused one changes nothing.
		await repo.put(template('0196f000-0000-7000-8000-0000000000a2', 28), NOW);
		await repo.put(template('0196f000-0000-7000-8000-0000000000a3', 5, true), NOW);
		await nudge.publish();
		const second = await client.status();
		expect(second.ok && second.value.dates).toBe(monthly);
		// One on another day adds its dates.
		await repo.put(template('0196f000-0000-7000-8000-0000000000a4', 12), NOW);
		await nudge.publish();
		const third = await client.status();
		expect(third.ok && third.value.dates).toBeGreaterThanOrEqual(monthly + 12);

		// What the relay holds about the workspace: no customer, line text or amount.
		const stored = (await relay.storedBytes()).toString('latin1');
		// The amount in each form it could take (typed, decimal, cents): '9876' alone turned up by
		// chance once, in the random bytes the relay keeps (keys, hashes, ids).
		for (const secret of ['Zeldzaam', 'Hopteelt', '9876,54', '9876.54', '987654', EMAIL])
			expect(stored.includes(secret), secret).toBe(false);

		expect(await nudge.optOut()).toBe(true);
		expect(nudge.view).toBe('off');
		const after = await client.status();
		expect(after.ok && after.value).toEqual({ email: null, dates: 0 });
		// Opted out: a schedule change is no longer posted.
		const putsBefore = puts().length;
		await repo.put(template('0196f000-0000-7000-8000-0000000000a5', 19), NOW);
		await nudge.publish();
		expect(puts().length).toBe(putsBefore);
	});

	it('a relay client that fails to start shows as unreachable with its message instead of rejecting', async () => {
		const nudge = new RecurringNudge(
			() => Promise.reject(new Error('the relay connection could not be read')),
			() => db,
			{ today: () => today }
		);
		await nudge.load();
		expect(nudge.view).toBe('unreachable');
		expect(nudge.problem).toBe('the relay connection could not be read');
	});

	it('a bad address is refused with the field named, and nothing changes', async () => {
		const client = createNudgeClient({
			baseUrl: relay.url,
			fetch: (...args) => fetch(...args),
			credentials
		});
		const nudge = new RecurringNudge(
			async () => client,
			() => db,
			{ today: () => today }
		);
		expect(await nudge.optIn('not-an-address')).toBe(false);
		expect(nudge.problem).toMatch(/^email: must be an e-mail address/);
		const status = await client.status();
		expect(status.ok && status.value).toEqual({ email: null, dates: 0 });
	});
});
