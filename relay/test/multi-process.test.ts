import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import pg from 'pg';
import { WebSocket } from 'ws';
import { encodeSocketPush } from '../src/protocol/index.js';
import { call, field, type CallResult } from './helpers/http.js';
import { newPostgresDatabase } from './helpers/postgres-server.js';
import { spawnRelayProcess, type RelayProcess } from './helpers/relay-process.js';
import { sendRequest } from './helpers/send-request.js';
import { startSmtpSink, type SmtpSink } from './helpers/smtp-sink.js';
import { joinDevice, registerWorkspace, type DeviceCredentials } from './helpers/workspace.js';

/**
 * The SMTP server is this test process, which a loaded machine may starve for seconds: a reply
 * that is only slow must not count as a failed delivery. After a timeout the relay cannot know
 * whether the server took the message and sends it again (SMTP's at-least-once edge), which
 * these tests would count as a duplicate (158 messages for 154 jobs at load 25 with 2 s).
 */
const SMTP_TIMEOUT_MS = '60000';

const LIMITS = {
	BILLFOLD_RATE_LIMIT_BURST: '100000',
	BILLFOLD_RATE_LIMIT_PER_MINUTE: '1000000',
	BILLFOLD_SEND_QUOTA_PER_DAY: '100000',
	BILLFOLD_SEND_QUOTA_PER_DAY_TOTAL: '100000'
};

/** Three relay processes on one PostgreSQL database, as behind a load balancer. */
async function threeRelays(url: string, env: Record<string, string> = {}): Promise<RelayProcess[]> {
	// Started together: they also race for the migration lock.
	return Promise.all(
		[0, 1, 2].map(() => spawnRelayProcess({ BILLFOLD_DATABASE_URL: url, ...LIMITS, ...env }))
	);
}

async function kill9(relay: RelayProcess): Promise<void> {
	if (relay.exit !== undefined) return;
	const exited = once(relay.child, 'exit');
	relay.child.kill('SIGKILL');
	await exited;
}

function issue(baseUrl: string, device: DeviceCredentials, invoiceId: string): Promise<CallResult> {
	return call(baseUrl, 'POST', `/api/v1/workspaces/${device.workspaceId}/series/MP/issue`, {
		token: device.deviceToken,
		json: { invoiceId, issueDate: '2026-03-01' }
	});
}

/**
 * As a device does: a request that got no answer (on a loaded machine a connection may time out)
 * is sent again unchanged. Both requests retried here are idempotent: a number request by its
 * invoice id (the sequencer answers with the same number), a send by (invoice id, resend) (the
 * outbox answers with the same job).
 */
async function untilAnswered(request: () => Promise<CallResult>): Promise<CallResult> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await request();
		} catch (error) {
			if (attempt >= 5) throw error;
		}
	}
}

/** An authenticated events socket; resolves once the relay answered ready. */
async function events(
	baseUrl: string,
	device: DeviceCredentials
): Promise<{
	socket: WebSocket;
	messages: Record<string, unknown>[];
	next(predicate: (m: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
}> {
	const socket = new WebSocket(
		`${baseUrl.replace('http', 'ws')}/api/v1/workspaces/${device.workspaceId}/events`
	);
	const messages: Record<string, unknown>[] = [];
	const waiters = new Set<{
		predicate: (m: Record<string, unknown>) => boolean;
		resolve: (m: Record<string, unknown>) => void;
	}>();
	socket.on('message', (data: Buffer) => {
		const message = JSON.parse(data.toString()) as Record<string, unknown>;
		messages.push(message);
		for (const waiter of waiters)
			if (waiter.predicate(message)) {
				waiters.delete(waiter);
				waiter.resolve(message);
			}
	});
	const next = (predicate: (m: Record<string, unknown>) => boolean) =>
		new Promise<Record<string, unknown>>((resolve) => {
			const past = messages.find(predicate);
			if (past !== undefined) return resolve(past);
			waiters.add({ predicate, resolve });
		});
	await once(socket, 'open');
	socket.send(JSON.stringify({ type: 'auth', token: device.deviceToken }));
	await next((m) => m['type'] === 'ready');
	return { socket, messages, next };
}

describe('three relay processes on one PostgreSQL database', () => {
	let db: { url: string; close(): Promise<void> };
	before(async () => {
		db = await newPostgresDatabase();
	});
	after(async () => {
		await db.close();
	});

	it('numbers 300 concurrent requests 1..300, and stays gap-free when a process is killed mid-burst', async () => {
		const relays = await threeRelays(db.url);
		try {
			const [a, b, c] = relays.map((r) => r.url) as [string, string, string];
			const owner = await registerWorkspace(a);
			// One device per process, so the callers are different devices too.
			const devices = [
				owner,
				await joinDevice(b, owner, 'on b'),
				await joinDevice(c, owner, 'on c')
			];
			const urls = [a, b, c];
			const first = Array.from({ length: 300 }, () => randomUUID());
			const results = await Promise.all(
				first.map((id, i) =>
					untilAnswered(() => issue(urls[i % 3] ?? a, devices[i % 3] ?? owner, id))
				)
			);
			for (const result of results) assert.ok([200, 201].includes(result.status), result.text);
			assert.deepEqual(
				results.map((r) => field<number>(r.body, 'number')).sort((x, y) => x - y),
				Array.from({ length: 300 }, (_, i) => i + 1)
			);

			// A burst of 100, a third to each process. B answers its first 11, is frozen with the rest
			// of its callers' requests sent to it, and is killed -9: those callers lose their process
			// mid-request whatever the speed of the machine (a kill timed on answers alone raced a fast
			// B that had answered everyone by the time the signal landed).
			const burst = Array.from({ length: 100 }, () => randomUUID());
			const victim = relays[1] as RelayProcess;
			const answers: (number | undefined)[] = Array.from({ length: burst.length }, () => undefined);
			const ask = async (i: number): Promise<void> => {
				try {
					const result = await issue(urls[i % 3] ?? a, devices[i % 3] ?? owner, burst[i] ?? '');
					answers[i] = result.status === 201 ? field<number>(result.body, 'number') : undefined;
				} catch {
					answers[i] = undefined; // the connection died with B
				}
			};
			const indices = burst.map((_, i) => i);
			const onB = indices.filter((i) => i % 3 === 1);
			const elsewhere = Promise.all(indices.filter((i) => i % 3 !== 1).map(ask));
			// B's first callers must get their numbers before it dies; on a starved machine a connection
			// may drop, so each is asked again (an answered retry returns the same number).
			const answerBeforeDeath = async (i: number): Promise<void> => {
				const result = await untilAnswered(() =>
					issue(urls[i % 3] ?? a, devices[i % 3] ?? owner, burst[i] ?? '')
				);
				assert.ok([200, 201].includes(result.status), `caller ${i} on B: ${result.text}`);
				answers[i] = field<number>(result.body, 'number');
			};
			await Promise.all(onB.slice(0, 11).map(answerBeforeDeath));
			victim.child.kill('SIGSTOP');
			const cutOff = Promise.all(onB.slice(11).map(ask));
			await kill9(victim);
			await Promise.all([elsewhere, cutOff]);
			assert.ok(
				onB.slice(11).every((i) => answers[i] === undefined),
				'the callers of the killed process lost it'
			);
			// Every caller retries on a surviving process: a number it got comes back unchanged.
			const survivors = [a, c];
			const retried = await Promise.all(
				burst.map((id, i) =>
					untilAnswered(() =>
						issue(survivors[i % 2] ?? a, devices[i % 2 === 0 ? 0 : 2] ?? owner, id)
					)
				)
			);
			retried.forEach((retry, i) => {
				assert.ok(retry.status === 200 || retry.status === 201, retry.text);
				const number = field<number>(retry.body, 'number');
				const firstAnswer = answers[i];
				if (firstAnswer !== undefined) assert.equal(number, firstAnswer);
			});
			assert.deepEqual(
				retried.map((r) => field<number>(r.body, 'number')).sort((x, y) => x - y),
				Array.from({ length: 100 }, (_, i) => i + 301)
			);
		} finally {
			for (const relay of relays) await relay.stop();
		}
	});

	it('pokes a device on process B when a push lands on process A, over HTTP or A’s socket', async () => {
		const relays = await threeRelays(db.url);
		try {
			const [a, b] = relays.map((r) => r.url) as [string, string, string];
			const laptop = await registerWorkspace(a);
			const phone = await joinDevice(a, laptop, 'phone');
			const listener = await events(b, phone);
			const pushed = await call(a, 'POST', `/api/v1/workspaces/${laptop.workspaceId}/sync/push`, {
				token: laptop.deviceToken,
				json: {
					rows: [
						{
							clientId: 'mp-client-1',
							docId: 'doc-1',
							envelope: Buffer.alloc(32, 1).toString('base64')
						}
					]
				}
			});
			assert.equal(pushed.status, 200, pushed.text);
			const poke = await listener.next((m) => m['type'] === 'sync');
			assert.equal(poke['head'], field(pushed.body, 'head'));
			// The same over the laptop's events socket on A, as the app pushes while it is connected.
			const pusher = await events(a, laptop);
			pusher.socket.send(
				encodeSocketPush(1, [
					{ clientId: 'mp-client-2', docId: 'doc-1', envelope: new Uint8Array(32).fill(2) }
				])
			);
			const ack = await pusher.next((m) => m['type'] === 'push-ack');
			const head = field<number>(ack, 'head');
			assert.equal(head, field<number>(pushed.body, 'head') + 1);
			const socketPoke = await listener.next((m) => m['type'] === 'sync' && m['head'] === head);
			assert.equal(socketPoke['head'], head);
			pusher.socket.close();
			listener.socket.close();
		} finally {
			for (const relay of relays) await relay.stop();
		}
	});

	it('shows each job’s last state to devices on every process, whichever process delivered it', async () => {
		const smtp: SmtpSink = await startSmtpSink();
		const relays = await threeRelays(db.url, {
			BILLFOLD_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`
		});
		try {
			const urls = relays.map((r) => r.url) as [string, string, string];
			const owner = await registerWorkspace(urls[0]);
			// One socket per process: each job is delivered by one process, so at least two of
			// these sockets learn of its delivery only through another process's notification.
			const sockets = await Promise.all(urls.map((url) => events(url, owner)));
			const accepted = await Promise.all(
				Array.from({ length: 12 }, (_, i) =>
					call(urls[i % 3] ?? urls[0], 'POST', `/api/v1/workspaces/${owner.workspaceId}/outbox`, {
						token: owner.deviceToken,
						json: sendRequest({ channel: 'email', invoiceNumber: `SEEN-${i + 1}` })
					})
				)
			);
			for (const result of accepted) assert.equal(result.status, 202, result.text);
			for (const result of accepted) {
				const jobId = field<string>(result.body, 'jobId');
				for (const listener of sockets) {
					await listener.next(
						(m) =>
							m['type'] === 'job' &&
							field(m, 'job', 'jobId') === jobId &&
							field(m, 'job', 'status') === 'sent'
					);
				}
			}
			// Every job read 'sent' on some socket, so no delivery is in flight: the count is final.
			assert.equal(smtp.messages.length, 12);
			for (const listener of sockets) listener.socket.close();
		} finally {
			for (const relay of relays) await relay.stop();
			await smtp.close();
		}
	});

	it('refuses a device revoked on process A at once on B and C, and closes its socket on C', async () => {
		const relays = await threeRelays(db.url);
		try {
			const [a, b, c] = relays.map((r) => r.url) as [string, string, string];
			const laptop = await registerWorkspace(a);
			const phone = await joinDevice(a, laptop, 'phone');
			const pull = (url: string) =>
				call(url, 'GET', `/api/v1/workspaces/${phone.workspaceId}/sync/pull?after=0`, {
					token: phone.deviceToken
				});
			// The phone is known and served on every process before the revocation.
			for (const url of [a, b, c]) assert.equal((await pull(url)).status, 200);
			const socket = await events(c, phone);
			const closed = once(socket.socket, 'close') as Promise<[number, Buffer]>;
			const revoked = await call(
				a,
				'DELETE',
				`/api/v1/workspaces/${laptop.workspaceId}/devices/${phone.deviceId}`,
				{ token: laptop.deviceToken }
			);
			assert.equal(revoked.status, 200, revoked.text);
			// Its very next request fails on the other processes, with no wait for any event.
			assert.equal((await pull(b)).status, 401);
			assert.equal((await pull(c)).status, 401);
			const [code] = await closed;
			assert.equal(code, 4401);
		} finally {
			for (const relay of relays) await relay.stop();
		}
	});

	it('delivers 200 sends across three processes exactly once when one dies while delivering', async () => {
		const smtp: SmtpSink = await startSmtpSink();
		const held: (() => void)[] = [];
		// Every delivery waits at the SMTP server until B is dead: B dies mid-delivery, with
		// nothing it was sending accepted by the server, as a kill between two packets would.
		let allHeld: () => void = () => undefined;
		const twelveHeld = new Promise<void>((resolve) => (allHeld = resolve));
		smtp.holdConnections((_release, proceed) => {
			held.push(proceed);
			if (held.length === 12) allHeld();
		});
		const relays = await threeRelays(db.url, {
			BILLFOLD_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
			BILLFOLD_SMTP_TIMEOUT_MS: SMTP_TIMEOUT_MS,
			BILLFOLD_RETRY_BASE_MS: '50',
			BILLFOLD_RETRY_MAX_MS: '200',
			BILLFOLD_MAX_ATTEMPTS: '1000',
			BILLFOLD_OUTBOX_LEASE_MS: '6000'
		});
		try {
			const urls = relays.map((r) => r.url);
			const [a] = urls as [string];
			const owner = await registerWorkspace(a);
			const watcher = await events(a, owner);
			const sent = new Set<string>();
			const allSent = new Promise<void>((resolve, reject) => {
				watcher.socket.on('message', (data: Buffer) => {
					const message = JSON.parse(data.toString()) as Record<string, unknown>;
					if (message['type'] !== 'job') return;
					if (field(message, 'job', 'status') === 'failed')
						reject(new Error(`job failed: ${field<string>(message, 'job', 'error', 'reason')}`));
					if (field(message, 'job', 'status') === 'sent') sent.add(field(message, 'job', 'jobId'));
					if (sent.size === 200) resolve();
				});
			});
			const accepted = await Promise.all(
				Array.from({ length: 200 }, (_, i) => {
					const json = sendRequest({ channel: 'email', invoiceNumber: `MP-${i + 1}` });
					return untilAnswered(() =>
						call(urls[i % 3] ?? a, 'POST', `/api/v1/workspaces/${owner.workspaceId}/outbox`, {
							token: owner.deviceToken,
							json
						})
					);
				})
			);
			for (const result of accepted) assert.equal(result.status, 202, result.text);
			const jobIds = new Set(accepted.map((r) => field<string>(r.body, 'jobId')));
			assert.equal(jobIds.size, 200);

			// Four deliveries per process (BILLFOLD_WORKER_CONCURRENCY) are in flight, B's among them.
			await twelveHeld;
			await kill9(relays[1] as RelayProcess);
			smtp.holdConnections(undefined);
			for (const proceed of held.splice(0)) proceed();
			await allSent;

			// Every job is 'sent', so no delivery is left in flight: the count is final.
			const ids = smtp.messages.map((m) => m.messageId ?? '');
			assert.equal(ids.length, 200);
			assert.deepEqual(new Set(ids), new Set([...jobIds].map((id) => `<${id}@localhost>`)));
			watcher.socket.close();
		} finally {
			for (const relay of relays) await relay.stop();
			await smtp.close();
		}
	});

	it('loses nothing when all three are restarted one after another under load', async () => {
		const smtp: SmtpSink = await startSmtpSink();
		const env = {
			BILLFOLD_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
			BILLFOLD_SMTP_TIMEOUT_MS: SMTP_TIMEOUT_MS,
			BILLFOLD_RETRY_BASE_MS: '50',
			BILLFOLD_RETRY_MAX_MS: '200',
			BILLFOLD_MAX_ATTEMPTS: '1000',
			BILLFOLD_OUTBOX_LEASE_MS: '6000'
		};
		const live: RelayProcess[] = await threeRelays(db.url, env);
		try {
			const owner = await registerWorkspace(live[0]?.url ?? '');
			let turn = 0;
			// As a load balancer does: each request (and each retry) goes to a process still up.
			const anyLive = (): string => {
				const up = live.filter((r) => r.exit === undefined);
				return up[turn++ % up.length]?.url ?? '';
			};
			const base = `/api/v1/workspaces/${owner.workspaceId}`;
			const numbers = new Map<string, number>();
			const jobIds = new Set<string>();
			const pushed = new Set<string>();
			let restarting = true;
			const client = async (worker: number): Promise<void> => {
				for (let i = 0; restarting || i < 5; i++) {
					const invoiceId = randomUUID();
					const issued = await untilAnswered(() =>
						call(anyLive(), 'POST', `${base}/series/RR/issue`, {
							token: owner.deviceToken,
							json: { invoiceId, issueDate: '2026-03-01' }
						})
					);
					assert.ok([200, 201].includes(issued.status), issued.text);
					numbers.set(invoiceId, field<number>(issued.body, 'number'));
					const clientId = `rolling-${worker}-${i}`;
					const push = await untilAnswered(() =>
						call(anyLive(), 'POST', `${base}/sync/push`, {
							token: owner.deviceToken,
							json: {
								rows: [
									{
										clientId,
										docId: `doc-${worker}`,
										envelope: Buffer.alloc(32, i % 256).toString('base64')
									}
								]
							}
						})
					);
					assert.equal(push.status, 200, push.text);
					pushed.add(clientId);
					const json = sendRequest({ channel: 'email', invoiceNumber: `RR-${worker}-${i}` });
					const sent = await untilAnswered(() =>
						call(anyLive(), 'POST', `${base}/outbox`, { token: owner.deviceToken, json })
					);
					assert.equal(sent.status, 202, sent.text);
					jobIds.add(field<string>(sent.body, 'jobId'));
				}
			};
			const load = Promise.all([0, 1, 2, 3, 4, 5].map(client));
			// Awaited below; until then a failed client must not be an unhandled rejection.
			load.catch(() => undefined);
			for (let k = 0; k < 3; k++) {
				// Each old process is stopped while clients keep calling; its replacement joins.
				await (live[k] as RelayProcess).stop();
				live[k] = await spawnRelayProcess({ BILLFOLD_DATABASE_URL: db.url, ...LIMITS, ...env });
			}
			restarting = false;
			await load;

			// Numbers: gap-free 1..n, and asking again for any invoice returns its first number.
			const issuedNumbers = [...numbers.values()].sort((x, y) => x - y);
			assert.deepEqual(
				issuedNumbers,
				Array.from({ length: numbers.size }, (_, i) => i + 1)
			);
			for (const [invoiceId, number] of [...numbers].slice(0, 20)) {
				const again = await call(anyLive(), 'POST', `${base}/series/RR/issue`, {
					token: owner.deviceToken,
					json: { invoiceId, issueDate: '2026-03-01' }
				});
				assert.equal(field<number>(again.body, 'number'), number);
			}
			// Sync: every acknowledged row is in the log once, under gap-free sequence numbers.
			const rows: { seq: number; clientId: string }[] = [];
			for (let after = 0; ;) {
				const page = await call(anyLive(), 'GET', `${base}/sync/pull?after=${after}&limit=500`, {
					token: owner.deviceToken
				});
				const got = field<{ seq: number; clientId: string }[]>(page.body, 'rows');
				if (got.length === 0) break;
				rows.push(...got);
				after = got.at(-1)?.seq ?? after;
			}
			assert.deepEqual(
				rows.map((r) => r.seq),
				Array.from({ length: rows.length }, (_, i) => i + 1)
			);
			assert.deepEqual(new Set(rows.map((r) => r.clientId)), pushed);
			assert.equal(rows.length, pushed.size);
			// Sends: each accepted job delivered exactly once, whichever process delivered it.
			// Once every job reads 'sent' no delivery is in flight, so the count below is final.
			const watcher = await events(anyLive(), owner);
			for (const jobId of jobIds) {
				const job = await call(anyLive(), 'GET', `${base}/outbox/${jobId}`, {
					token: owner.deviceToken
				});
				if (field(job.body, 'status') !== 'sent')
					await watcher.next(
						(m) =>
							m['type'] === 'job' &&
							field(m, 'job', 'jobId') === jobId &&
							field(m, 'job', 'status') === 'sent'
					);
			}
			watcher.socket.close();
			const ids = smtp.messages.map((m) => m.messageId ?? '');
			assert.equal(ids.length, jobIds.size);
			assert.deepEqual(new Set(ids), new Set([...jobIds].map((id) => `<${id}@localhost>`)));
		} finally {
			for (const relay of live) await relay.stop();
			await smtp.close();
		}
	});

	it('keeps a slow delivery leased to the live process that makes it: no second delivery', async () => {
		const smtp: SmtpSink = await startSmtpSink();
		const held: (() => void)[] = [];
		smtp.holdConnections((_release, proceed) => held.push(proceed));
		const leaseMs = 3000;
		const env = {
			BILLFOLD_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
			BILLFOLD_SMTP_TIMEOUT_MS: SMTP_TIMEOUT_MS,
			BILLFOLD_OUTBOX_LEASE_MS: String(leaseMs)
		};
		const relays = await Promise.all(
			[0, 1].map(() => spawnRelayProcess({ BILLFOLD_DATABASE_URL: db.url, ...LIMITS, ...env }))
		);
		const sql = new pg.Client({ connectionString: db.url });
		await sql.connect();
		try {
			const [a] = relays.map((r) => r.url) as [string];
			const owner = await registerWorkspace(a);
			const accepted = await call(a, 'POST', `/api/v1/workspaces/${owner.workspaceId}/outbox`, {
				token: owner.deviceToken,
				json: sendRequest({ channel: 'email', invoiceNumber: 'LEASE-1' })
			});
			assert.equal(accepted.status, 202, accepted.text);
			const jobId = field<string>(accepted.body, 'jobId');
			const leaseUntil = async (): Promise<number | null> => {
				const row = (
					await sql.query<{ lease_until: string | null }>(
						'SELECT lease_until FROM outbox_jobs WHERE id = $1',
						[jobId]
					)
				).rows[0];
				return row?.lease_until === null || row === undefined ? null : Number(row.lease_until);
			};
			// Until the lease has been renewed twice past its first end, no other process may have
			// opened a second delivery; without renewal the other process claims it after one lease.
			let first: number | null = null;
			for (;;) {
				assert.ok(held.length <= 1, 'a second process started delivering the same job');
				const until = await leaseUntil();
				first ??= until;
				if (first !== null && until !== null && until >= first + 2 * leaseMs) break;
				await delay(100);
			}
			assert.equal(held.length, 1);
			smtp.holdConnections(undefined);
			for (const proceed of held.splice(0)) proceed();
			const [message] = await smtp.waitForMessages(1);
			assert.equal(message?.messageId, `<${jobId}@localhost>`);
		} finally {
			await sql.end();
			for (const relay of relays) await relay.stop();
			await smtp.close();
		}
	});
});
