/**
 * Round trips to PostgreSQL per relay operation, counted at the driver: every query a relay sends
 * (a routine call, a statement of a transaction, BEGIN and COMMIT, a NOTIFY, a claim, a flush) is
 * one. Unlike throughput, the count does not depend on what else the machine runs. Relays run in
 * this process (so the driver can be counted) on a private PostgreSQL server, `--processes N` of
 * them on one database with the requests spread round-robin, `--concurrency` requests at a time.
 *   issue: one issued number;
 *   send: one accepted send, answered (202), and then its delivery to the preview outbox until
 *   every relay is idle again (claims, content, outcome, events) — "send+delivery";
 *   push: one single-row sync push.
 * Every device keeps an events socket open on the relay its index picks.
 * Prints one JSON object.
 * Usage: npm --prefix relay run build && npx tsc -p relay/tsconfig.test.json &&
 *   node relay/dist/test-build/bench/statements.js [--count N --processes N --concurrency N]
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startPostgres } from '../test/helpers/postgres-server.js';
import { eventsSocket } from '../test/helpers/sealed-inbox.js';
import { sendRequest } from '../test/helpers/send-request.js';
import { startTestRelay, type TestRelay } from '../test/helpers/test-relay.js';
import { joinDevice, registerWorkspace } from '../test/helpers/workspace.js';

const { values } = parseArgs({
	options: {
		count: { type: 'string', default: '200' },
		processes: { type: 'string', default: '1' },
		concurrency: { type: 'string', default: '8' }
	}
});
const count = Number(values.count);
const processCount = Math.max(1, Number(values.processes));
const concurrency = Math.max(1, Number(values.concurrency));

let queries = 0;
/** Round trips of the send+delivery phase by the start of their text: what each one is. */
const kinds = new Map<string, number>();
let counting = false;
const query = pg.Client.prototype.query;
// Counted where every pool and client of the relay sends its text; the arguments pass unchanged.
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
	queries++;
	const first = args[0];
	const text = typeof first === 'string' ? first : (first as { text?: string } | null)?.text;
	if (counting) {
		const kind = (text ?? '?').replace(/\s+/g, ' ').trim().slice(0, 60);
		kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
	}
	return (query as (...a: unknown[]) => unknown).apply(this, args);
} as typeof pg.Client.prototype.query;

async function post(url: string, token: string, body: unknown): Promise<number> {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
		body: JSON.stringify(body)
	});
	await response.arrayBuffer();
	return response.status;
}

async function runAll(request: (i: number) => Promise<number>, expected: number): Promise<void> {
	let next = 0;
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < count) {
				const i = next++;
				const status = await request(i);
				if (status !== expected) throw new Error(`request ${i} answered ${status}`);
			}
		})
	);
}

async function main(): Promise<void> {
	const server = await startPostgres();
	const relays: TestRelay[] = [];
	try {
		const databaseUrl = await server.createDatabase();
		for (let i = 0; i < processCount; i++)
			relays.push(
				await startTestRelay({
					BILLFOLD_DATABASE_URL: databaseUrl,
					BILLFOLD_LOG_LEVEL: 'warn',
					BILLFOLD_SEND_QUOTA_PER_DAY: '10000000',
					BILLFOLD_SEND_QUOTA_PER_DAY_TOTAL: '10000000'
				})
			);
		const urls = relays.map((relay) => relay.url);
		const owner = await registerWorkspace(urls[0] ?? '');
		const devices = [owner];
		while (devices.length < concurrency)
			devices.push(await joinDevice(urls[0] ?? '', owner, 'bench device'));
		// Each device keeps its events socket open, as the app does, on the relay its index picks:
		// every process then serves the workspace and reads the jobs the others change.
		const sockets = await Promise.all(
			devices.map((device, i) => eventsSocket(urls[i % urls.length] ?? '', device))
		);
		const target = (i: number) => {
			const device = devices[i % devices.length] ?? owner;
			return {
				base: `${urls[i % urls.length] ?? ''}/api/v1/workspaces/${device.workspaceId}`,
				token: device.deviceToken
			};
		};
		const measure = async (work: () => Promise<void>): Promise<number> => {
			const before = queries;
			await work();
			return Math.round(((queries - before) / count) * 100) / 100;
		};

		const issue = await measure(() =>
			runAll((i) => {
				const { base, token } = target(i);
				return post(`${base}/series/STMT/issue`, token, {
					invoiceId: randomUUID(),
					issueDate: '2026-01-02'
				});
			}, 201)
		);
		let sent = 0;
		let allSent: () => void = () => undefined;
		const delivered = new Promise<void>((resolve) => (allSent = resolve));
		for (const relay of relays)
			relay.relay.onJobChange((job) => {
				if (job.status === 'sent' && ++sent === count) allSent();
			});
		const before = queries;
		counting = true;
		const send = await measure(() =>
			runAll((i) => {
				const { base, token } = target(i);
				return post(`${base}/outbox`, token, sendRequest({ channel: 'email' }));
			}, 202)
		);
		await delivered;
		// Let the workers' last claims and timers settle before the total is read.
		await new Promise((resolve) => setTimeout(resolve, 1000));
		const sendAndDelivery = Math.round(((queries - before) / count) * 100) / 100;
		counting = false;
		const push = await measure(() =>
			runAll((i) => {
				const { base, token } = target(i);
				return post(`${base}/sync/push`, token, {
					rows: [
						{
							clientId: `stmt-row-${i}`,
							docId: `doc-${i % 50}`,
							envelope: Buffer.alloc(60, 7).toString('base64')
						}
					]
				});
			}, 200)
		);
		process.stdout.write(
			JSON.stringify({
				bench: 'relay-statements',
				processes: processCount,
				concurrency,
				count,
				roundTripsPer: { issue, send, sendAndDelivery, push },
				sendAndDeliveryByStatement: Object.fromEntries(
					[...kinds]
						.sort((a, b) => b[1] - a[1])
						.map(([kind, n]) => [kind, Math.round((n / count) * 100) / 100])
				)
			}) + '\n'
		);
		for (const socket of sockets) socket.close();
	} finally {
		for (const relay of relays) await relay.close();
		await server.stop();
	}
}

main().catch((error: unknown) => {
	process.stderr.write(`statements bench failed: ${String(error)}\n`);
	process.exit(1);
});
