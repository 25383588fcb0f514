import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Clock } from '../src/clock.js';
import { storedCopies } from './helpers/data-dir.js';
import { call, field } from './helpers/http.js';
import { outboxOf } from './helpers/outbox.js';
import { newPostgresDatabase } from './helpers/postgres-server.js';
import { startSmtpSink, type SmtpSink } from './helpers/smtp-sink.js';
import { startTestRelay, type TestRelay } from './helpers/test-relay.js';
import { joinDevice, registerWorkspace, type DeviceCredentials } from './helpers/workspace.js';

const HOUR = 3600 * 1000;
const DUE = '2031-07-19';
const DUE_AT = Date.parse(`${DUE}T00:00:00Z`);
const EMAIL = 'owner-nudge@example.test';

/** The relay's clock, moved by the test: days pass without waiting. */
function testClock(start: number): Clock & { at: number } {
	const clock = { at: start, now: () => clock.at };
	return clock;
}

const nudgePath = (device: DeviceCredentials) => `/api/v1/workspaces/${device.workspaceId}/nudge`;

async function optIn(
	t: TestRelay,
	device: DeviceCredentials,
	dues: { date: string; count: number }[]
): Promise<void> {
	const answer = await call(t.url, 'PUT', nudgePath(device), {
		token: device.deviceToken,
		json: { email: EMAIL, dues }
	});
	assert.equal(answer.status, 200, answer.text);
	assert.deepEqual(answer.body, { email: EMAIL, dates: dues.length });
}

async function status(t: TestRelay, device: DeviceCredentials): Promise<unknown> {
	return (await call(t.url, 'GET', nudgePath(device), { token: device.deviceToken })).body;
}

interface NudgeRelay {
	t: TestRelay;
	clock: Clock & { at: number };
	laptop: DeviceCredentials;
}

/**
 * A relay with `env` on a test clock that starts at `start`, the laptop's workspace on it, and
 * (when `dues` are given) opted in to nudges for them; closed after `run`, even when it fails.
 */
async function onNudgeRelay(
	env: Record<string, string>,
	start: number,
	dues: { date: string; count: number }[] | null,
	run: (relay: NudgeRelay) => Promise<void>
): Promise<void> {
	const clock = testClock(start);
	const t = await startTestRelay(env, { clock });
	try {
		const laptop = await registerWorkspace(t.url);
		if (dues !== null) await optIn(t, laptop, dues);
		await run({ t, clock, laptop });
	} finally {
		await t.close();
	}
}

async function previewsOf<Preview = unknown>(
	t: TestRelay,
	device: DeviceCredentials
): Promise<Preview[]> {
	return field<Preview[]>((await outboxOf(t, device).previews()).body, 'previews');
}

describe('content-free nudges about due recurring invoices', () => {
	let sink: SmtpSink;
	before(async () => {
		sink = await startSmtpSink();
	});
	after(async () => {
		await sink.close();
	});
	const smtp = () => ({ BILLFOLD_SMTP_URL: `smtp://127.0.0.1:${sink.port}` });

	it('mails once through SMTP a day after the due date when no device came; the mail holds only the count and the date', async () => {
		await onNudgeRelay(
			smtp(),
			DUE_AT - 9 * 24 * HOUR,
			[
				{ date: DUE, count: 2 },
				{ date: '2031-08-19', count: 1 }
			],
			async ({ t, clock }) => {
				const before = sink.messages.length;
				clock.at = DUE_AT + 23 * HOUR;
				assert.equal(await t.relay.nudgeSweep(), 0, 'still within the grace');
				clock.at = DUE_AT + 25 * HOUR;
				assert.equal(await t.relay.nudgeSweep(), 1);
				assert.equal(await t.relay.nudgeSweep(), 0, 'a second sweep sends nothing');
				const [mail] = (await sink.waitForMessages(before + 1)).slice(before);
				assert.ok(mail !== undefined);
				assert.equal(sink.messages.length, before + 1);
				assert.deepEqual(
					sink.envelopes.at(-1)?.to,
					[EMAIL],
					'sent to the opted-in address and no one else'
				);
				const text = mail.text ?? '';
				assert.match(mail.subject ?? '', /^Billfold: 2 recurring invoices are due$/);
				assert.match(text, /2 recurring invoices are due since 2031-07-19/);
				// No amount, customer or number can be in it: apart from the count and the date it
				// carries no digit at all, and no currency.
				const rest = `${mail.subject ?? ''}\n${text}`
					.replaceAll(DUE, '')
					.replace(/\b2 recurring/g, '');
				assert.doesNotMatch(rest, /\d|€|EUR/);
				assert.equal(mail.attachments.length, 0);
				// Ids only in the logs, never the address.
				assert.ok(t.logs.some((line) => line.includes('nudge-sent')));
				assert.ok(!t.logs.some((line) => line.includes(EMAIL)));
			}
		);
	});

	it('sends nothing when a device contacted the relay after the due date, and forgets that date', async () => {
		await onNudgeRelay(smtp(), DUE_AT - 3 * 24 * HOUR, null, async ({ t, clock, laptop }) => {
			const phone = await joinDevice(t.url, laptop, 'phone');
			await optIn(t, laptop, [{ date: DUE, count: 1 }]);
			const before = sink.messages.length;
			// The phone opens the app on the due day (any request counts).
			clock.at = DUE_AT + 2 * HOUR;
			assert.equal(
				(
					await call(t.url, 'GET', `/api/v1/workspaces/${phone.workspaceId}/devices`, {
						token: phone.deviceToken
					})
				).status,
				200
			);
			clock.at = DUE_AT + 48 * HOUR;
			assert.equal(await t.relay.nudgeSweep(), 0);
			assert.equal(sink.messages.length, before);
			assert.deepEqual(await status(t, laptop), { email: EMAIL, dates: 0 });
		});
	});

	it('without SMTP the nudge lands in the preview outbox', async () => {
		await onNudgeRelay(
			{},
			DUE_AT - 24 * HOUR,
			[{ date: DUE, count: 1 }],
			async ({ t, clock, laptop }) => {
				clock.at = DUE_AT + 30 * HOUR;
				assert.equal(await t.relay.nudgeSweep(), 1);
				const previews = await previewsOf<{ to: string[]; subject: string }>(t, laptop);
				assert.deepEqual(
					previews.map((preview) => [preview.to, preview.subject]),
					[[[EMAIL], 'Billfold: 1 recurring invoice is due']]
				);
			}
		);
	});

	it('two relays sweeping one database at once send one mail', async () => {
		const database = await newPostgresDatabase();
		const clock = testClock(DUE_AT - 24 * HOUR);
		// Processes sharing a database share the secret key that seals the address.
		const env = {
			...smtp(),
			BILLFOLD_DATABASE_URL: database.url,
			BILLFOLD_SECRET_KEY: 'ab'.repeat(32)
		};
		const relays: TestRelay[] = [];
		try {
			relays.push(await startTestRelay(env, { clock }));
			relays.push(await startTestRelay(env, { clock }));
			const [a, b] = relays;
			assert.ok(a !== undefined && b !== undefined);
			const laptop = await registerWorkspace(a.url);
			await optIn(b, laptop, [{ date: DUE, count: 3 }]);
			const before = sink.messages.length;
			clock.at = DUE_AT + 25 * HOUR;
			const sent = await Promise.all([a.relay.nudgeSweep(), b.relay.nudgeSweep()]);
			assert.equal(
				sent.reduce((sum, n) => sum + n, 0),
				1,
				[...a.logs, ...b.logs].filter((line) => line.includes('nudge')).join('\n')
			);
			await sink.waitForMessages(before + 1);
			assert.equal(await b.relay.nudgeSweep(), 0);
			assert.equal(await a.relay.nudgeSweep(), 0);
			assert.equal(sink.messages.length, before + 1);
			assert.match(
				sink.messages.at(-1)?.text ?? '',
				/3 recurring invoices are due since 2031-07-19/
			);
		} finally {
			for (const relay of relays) await relay.close();
			await database.close();
		}
	});

	it('an address sealed under another secret key is given up at once, not retried hourly', async () => {
		const database = await newPostgresDatabase();
		const clock = testClock(DUE_AT - 24 * HOUR);
		const env = { ...smtp(), BILLFOLD_DATABASE_URL: database.url };
		const relays: TestRelay[] = [];
		try {
			relays.push(
				await startTestRelay({ ...env, BILLFOLD_SECRET_KEY: 'ab'.repeat(32) }, { clock })
			);
			relays.push(
				await startTestRelay({ ...env, BILLFOLD_SECRET_KEY: 'cd'.repeat(32) }, { clock })
			);
			const [sealer, other] = relays;
			assert.ok(sealer !== undefined && other !== undefined);
			const laptop = await registerWorkspace(sealer.url);
			await optIn(sealer, laptop, [{ date: DUE, count: 1 }]);
			const before = sink.messages.length;
			clock.at = DUE_AT + 25 * HOUR;
			assert.equal(await other.relay.nudgeSweep(), 0);
			assert.ok(other.logs.some((line) => line.includes('nudge-address-unreadable')));
			assert.ok(!other.logs.some((line) => line.includes(EMAIL)));
			// Past the hour a failed mail waits: the date is done, so no process mails about it.
			clock.at += 2 * HOUR;
			assert.equal(await sealer.relay.nudgeSweep(), 0);
			assert.equal(sink.messages.length, before);
		} finally {
			for (const relay of relays) await relay.close();
			await database.close();
		}
	});

	it('opting out deletes the address and the dates from the database; the address is sealed at rest', async () => {
		await onNudgeRelay(smtp(), DUE_AT - 24 * HOUR, null, async ({ t, clock, laptop }) => {
			const date = '2031-11-23';
			await optIn(t, laptop, [{ date, count: 1 }]);
			assert.deepEqual(await storedCopies(t, EMAIL), [], 'the address is sealed');
			assert.notDeepEqual(await storedCopies(t, date), [], 'the date is stored while opted in');
			const out = await call(t.url, 'DELETE', nudgePath(laptop), { token: laptop.deviceToken });
			assert.equal(out.status, 200, out.text);
			assert.deepEqual(await status(t, laptop), { email: null, dates: 0 });
			assert.deepEqual(await storedCopies(t, date), []);
			// Dates posted while opted out are not kept.
			const dues = await call(t.url, 'PUT', `${nudgePath(laptop)}/dues`, {
				token: laptop.deviceToken,
				json: { dues: [{ date, count: 1 }] }
			});
			assert.deepEqual(dues.body, { email: null, dates: 0 });
			clock.at = Date.parse(`${date}T00:00:00Z`) + 48 * HOUR;
			assert.equal(await t.relay.nudgeSweep(), 0);
		});
	});

	it('without SMTP opting out also deletes the nudges in the preview outbox, and only those', async () => {
		await onNudgeRelay(
			{},
			DUE_AT - 24 * HOUR,
			[{ date: DUE, count: 1 }],
			async ({ t, clock, laptop }) => {
				clock.at = DUE_AT + 30 * HOUR;
				assert.equal(await t.relay.nudgeSweep(), 1);
				assert.notDeepEqual(await storedCopies(t, EMAIL), [], 'the preview holds the address');
				// Another workspace's nudge stays in its preview outbox.
				const other = await registerWorkspace(t.url);
				const otherIn = await call(t.url, 'PUT', nudgePath(other), {
					token: other.deviceToken,
					json: { email: 'someone-else@example.test', dues: [{ date: '2031-07-22', count: 2 }] }
				});
				assert.equal(otherIn.status, 200, otherIn.text);
				clock.at = Date.parse('2031-07-22T00:00:00Z') + 30 * HOUR;
				assert.equal(await t.relay.nudgeSweep(), 1);
				const out = await call(t.url, 'DELETE', nudgePath(laptop), { token: laptop.deviceToken });
				assert.equal(out.status, 200, out.text);
				assert.deepEqual(await previewsOf(t, laptop), []);
				assert.equal((await previewsOf(t, other)).length, 1);
				assert.deepEqual(await storedCopies(t, EMAIL), []);
			}
		);
	});

	it('bad input gets a 400 naming the field and the rule, and changes nothing', async () => {
		await onNudgeRelay(
			smtp(),
			DUE_AT - 24 * HOUR,
			[{ date: DUE, count: 1 }],
			async ({ t, laptop }) => {
				const cases: [unknown, string, RegExp][] = [
					[{ email: 'not-an-address', dues: [] }, 'email', /e-mail address/],
					[{ email: EMAIL, dues: [{ date: '2031-02-30', count: 1 }] }, 'dues.0.date', /date/],
					[{ email: EMAIL, dues: [{ date: DUE, count: 0 }] }, 'dues.0.count', /at least 1/],
					[
						{
							email: EMAIL,
							dues: [
								{ date: DUE, count: 1 },
								{ date: DUE, count: 2 }
							]
						},
						'dues.1.date',
						/once/
					],
					[{ email: EMAIL, dues: [{ date: '2031-07-01', count: 1 }] }, 'dues.0.date', /before/],
					[{ email: EMAIL, dues: [{ date: '2040-01-01', count: 1 }] }, 'dues.0.date', /after/],
					[
						{
							email: EMAIL,
							dues: Array.from({ length: 101 }, (_, i) => ({
								date: new Date(DUE_AT + i * 24 * HOUR).toISOString().slice(0, 10),
								count: 1
							}))
						},
						'dues',
						/at most 100/
					]
				];
				for (const [body, path, rule] of cases) {
					const answer = await call(t.url, 'PUT', nudgePath(laptop), {
						token: laptop.deviceToken,
						json: body
					});
					assert.equal(answer.status, 400, `${path}: ${answer.text}`);
					const fields = field<{ path: string; message: string }[]>(answer.body, 'error', 'fields');
					const named = fields.find((f) => f.path === path);
					assert.ok(named, `${path} in ${answer.text}`);
					assert.match(named.message, rule);
				}
				assert.deepEqual(await status(t, laptop), { email: EMAIL, dates: 1 });
				const other = await registerWorkspace(t.url, 'stranger');
				const refused = await call(t.url, 'GET', nudgePath(laptop), { token: other.deviceToken });
				assert.equal(refused.status, 403);
			}
		);
	});
});
