/**
 * Throughput of the built relay, run as its own process as `npm start` runs it:
 *   sequencer: issued numbers per second (concurrent devices, one series);
 *   sends: accepted sends (202, persisted with fsync) per second, with the worker delivering to
 *   the preview outbox at the same time;
 *   sync: sync-log rows appended per second, one row per push and in batches, while `--sockets`
 *   authenticated idle event sockets stay open, and how long a poke takes to reach all of them.
 * With `--backend postgres` the relays share a private PostgreSQL server (initdb into a temporary
 * directory, as the tests start it), and `--processes N` starts N relays on it, the load spread
 * over them round-robin as a load balancer would.
 * Prints one JSON object.
 * Usage: npm --prefix relay run bench [-- --issues N --sends N --appends N --batch N --sockets N
 *   --concurrency N --backend sqlite|postgres --processes N]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { WebSocket } from 'ws';
import { startPostgres, type PostgresServer } from '../test/helpers/postgres-server.js';
import { sendRequest } from '../test/helpers/send-request.js';

const { values } = parseArgs({
	options: {
		issues: { type: 'string', default: '3000' },
		sends: { type: 'string', default: '1000' },
		appends: { type: 'string', default: '5000' },
		batch: { type: 'string', default: '50' },
		sockets: { type: 'string', default: '1000' },
		concurrency: { type: 'string', default: '32' },
		backend: { type: 'string', default: 'sqlite' },
		processes: { type: 'string', default: '1' }
	}
});
const backend = values.backend === 'postgres' ? 'postgres' : 'sqlite';
const processCount = Math.max(1, Number(values.processes));
const issues = Number(values.issues);
const sends = Number(values.sends);
const concurrency = Number(values.concurrency);
const appends = Number(values.appends);
const batch = Number(values.batch);
const socketCount = Number(values.sockets);

/** Opens `count` event sockets for the device and resolves once every one is authenticated. */
async function openSockets(url: string, workspaceId: string, token: string, count: number) {
	const sockets: WebSocket[] = [];
	const pokes: ((head: number) => void)[] = [];
	await Promise.all(
		Array.from(
			{ length: count },
			() =>
				new Promise<void>((resolve, reject) => {
					const socket = new WebSocket(
						`${url.replace('http', 'ws')}/api/v1/workspaces/${workspaceId}/events`
					);
					sockets.push(socket);
					socket.once('error', reject);
					socket.once('open', () => socket.send(JSON.stringify({ type: 'auth', token })));
					socket.on('message', (data: Buffer) => {
						const message = JSON.parse(data.toString()) as { type: string; head?: number };
						if (message.type === 'ready') resolve();
						if (message.type === 'sync') for (const poke of pokes) poke(message.head ?? 0);
					});
				})
		)
	);
	/** Resolves when every socket has seen a poke for `head` or later. */
	const pokedAll = (head: number) =>
		new Promise<void>((resolve) => {
			let seen = 0;
			pokes.push((value) => {
				if (value >= head && ++seen === count) resolve();
			});
		});
	return { sockets, pokedAll };
}
const relayDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const INVITE = 'bench-invite-token-0123456789';

interface Phase {
	requests: number;
	seconds: number;
	perSecond: number;
	p50Ms: number;
	p99Ms: number;
	/** Relay CPU time per request: comparable across runs even when other work shares the machine. */
	relayCpuMsPerRequest?: number;
}

/** CPU seconds (user + system) the relay process has used, from /proc on Linux; undefined elsewhere. */
async function cpuSeconds(pid: number | undefined): Promise<number | undefined> {
	if (pid === undefined) return undefined;
	try {
		const fields =
			(await fs.readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]?.split(' ') ?? [];
		return (Number(fields[11]) + Number(fields[12])) / 100;
	} catch {
		return undefined;
	}
}

async function runPhase(
	count: number,
	request: (i: number) => Promise<number>,
	expected: number
): Promise<Phase> {
	const latencies: number[] = [];
	let next = 0;
	const started = performance.now();
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < count) {
				const i = next++;
				const t0 = performance.now();
				const status = await request(i);
				latencies.push(performance.now() - t0);
				if (status !== expected) throw new Error(`request ${i} answered ${status}`);
			}
		})
	);
	const seconds = (performance.now() - started) / 1000;
	latencies.sort((a, b) => a - b);
	const at = (q: number) =>
		Math.round(
			(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0) * 10
		) / 10;
	return {
		requests: count,
		seconds: Math.round(seconds * 1000) / 1000,
		perSecond: Math.round(count / seconds),
		p50Ms: at(0.5),
		p99Ms: at(0.99)
	};
}

/** Starts one built relay (dist/main.js) as `npm start` does and resolves with it and its URL. */
async function startRelay(
	dataDir: string,
	databaseUrl: string | undefined
): Promise<{ child: ChildProcess; url: string }> {
	const child = spawn(process.execPath, [path.join(relayDir, 'dist/main.js')], {
		env: {
			PATH: process.env['PATH'] ?? '',
			BILLFOLD_PORT: '0',
			BILLFOLD_DATA_DIR: dataDir,
			BILLFOLD_STATIC_DIR: dataDir,
			BILLFOLD_INVITE_TOKEN: INVITE,
			BILLFOLD_LOG_LEVEL: 'warn',
			BILLFOLD_RATE_LIMIT_BURST: '10000000',
			BILLFOLD_RATE_LIMIT_PER_MINUTE: '10000000',
			BILLFOLD_SEND_QUOTA_PER_DAY: '10000000',
			BILLFOLD_SEND_QUOTA_PER_DAY_TOTAL: '10000000',
			// The load comes from one address: lift the per-address WebSocket caps too.
			BILLFOLD_WS_UPGRADES_PER_MINUTE: '10000000',
			BILLFOLD_WS_UPGRADE_BURST: '10000000',
			BILLFOLD_WS_MAX_PENDING_PER_ADDRESS: '100000',
			BILLFOLD_DNS_SERVERS: '127.0.0.1:9',
			...(databaseUrl === undefined ? {} : { BILLFOLD_DATABASE_URL: databaseUrl })
		},
		stdio: ['ignore', 'pipe', 'inherit']
	});
	const url = await new Promise<string>((resolve, reject) => {
		child.once('exit', (code) => reject(new Error(`relay exited with ${code}`)));
		if (child.stdout === null) return reject(new Error('no stdout'));
		readline.createInterface({ input: child.stdout }).on('line', (line) => {
			const match = /running at (http:\/\/\S+)/.exec(line);
			if (match?.[1] !== undefined) resolve(match[1]);
		});
	});
	return { child, url };
}

async function main(): Promise<void> {
	const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'billfold-bench-'));
	let server: PostgresServer | undefined;
	const relays: { child: ChildProcess; url: string }[] = [];
	try {
		let databaseUrl: string | undefined;
		if (backend === 'postgres') {
			server = await startPostgres();
			databaseUrl = await server.createDatabase();
		}
		for (let i = 0; i < (backend === 'postgres' ? processCount : 1); i++) {
			const own = path.join(dataDir, String(i));
			await fs.mkdir(own);
			relays.push(await startRelay(own, databaseUrl));
		}
		const url = relays[0]?.url ?? '';
		const urls = relays.map((r) => r.url);
		const registered = await fetch(`${url}/api/v1/workspaces`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ inviteToken: INVITE, deviceName: 'bench' })
		});
		const device = (await registered.json()) as { workspaceId: string; deviceToken: string };
		const headers = {
			'content-type': 'application/json',
			authorization: `Bearer ${device.deviceToken}`
		};
		const base = `${url}/api/v1/workspaces/${device.workspaceId}`;
		/** The i-th request's base URL: round-robin over the processes. */
		const baseFor = (i: number) =>
			`${urls[i % urls.length] ?? url}/api/v1/workspaces/${device.workspaceId}`;

		/** CPU of every relay process (PostgreSQL's own processes are not counted). */
		const relaysCpuSeconds = async (): Promise<number | undefined> => {
			let total = 0;
			for (const relay of relays) {
				const seconds = await cpuSeconds(relay.child.pid);
				if (seconds === undefined) return undefined;
				total += seconds;
			}
			return total;
		};
		const measured = async (phase: () => Promise<Phase>): Promise<Phase> => {
			const before = await relaysCpuSeconds();
			const result = await phase();
			const after = await relaysCpuSeconds();
			if (before === undefined || after === undefined) return result;
			return {
				...result,
				relayCpuMsPerRequest: Math.round(((after - before) * 1000 * 100) / result.requests) / 100
			};
		};
		const sequencer = await measured(() =>
			runPhase(
				issues,
				async (i) => {
					const response = await fetch(`${baseFor(i)}/series/BENCH/issue`, {
						method: 'POST',
						headers,
						body: JSON.stringify({ invoiceId: randomUUID(), issueDate: '2026-01-02' })
					});
					await response.arrayBuffer();
					return response.status;
				},
				201
			)
		);
		const body = (i: number) =>
			JSON.stringify(sendRequest({ channel: 'email', invoiceNumber: `B-${i}` }));
		const accepted = await measured(() =>
			runPhase(
				sends,
				async (i) => {
					const response = await fetch(`${baseFor(i)}/outbox`, {
						method: 'POST',
						headers,
						body: body(i)
					});
					await response.arrayBuffer();
					return response.status;
				},
				202
			)
		);
		const open = await openSockets(url, device.workspaceId, device.deviceToken, socketCount);
		const envelope = Buffer.alloc(300, 7).toString('base64');
		let rowId = 0;
		const push = async (rows: number) => {
			const response = await fetch(`${baseFor(rowId)}/sync/push`, {
				method: 'POST',
				headers,
				body: JSON.stringify({
					rows: Array.from({ length: rows }, () => ({
						clientId: `bench-row-${rowId++}`,
						docId: `doc-${rowId % 500}`,
						envelope
					}))
				})
			});
			await response.arrayBuffer();
			return response.status;
		};
		const single = await measured(() => runPhase(Math.round(appends / 5), () => push(1), 200));
		const batched = await measured(() =>
			runPhase(Math.ceil(appends / batch), () => push(batch), 200)
		);
		const pokeStarted = performance.now();
		const head = Number(
			(
				(await (await fetch(`${base}/sync/pull?after=0&limit=1`, { headers })).json()) as {
					head: number;
				}
			).head
		);
		const everyone = open.pokedAll(head + 1);
		await push(1);
		await everyone;
		const pokeAllMs = Math.round((performance.now() - pokeStarted) * 10) / 10;
		for (const socket of open.sockets) socket.close();
		process.stdout.write(
			JSON.stringify({
				bench: 'relay',
				node: process.version,
				cpus: os.cpus().length,
				backend,
				processes: relays.length,
				concurrency,
				sequencer: { ...sequencer, unit: 'issued numbers/s' },
				sends: { ...accepted, unit: 'accepted sends/s' },
				syncSingle: { ...single, unit: 'pushes/s, 1 row each' },
				syncBatched: {
					...batched,
					rowsPerSecond: batched.perSecond * batch,
					unit: `pushes/s, ${batch} rows each`
				},
				idleSockets: { open: socketCount, pokeAllMs }
			}) + '\n'
		);
	} finally {
		for (const { child } of relays) {
			const exited = new Promise((resolve) => child.once('exit', resolve));
			child.kill('SIGTERM');
			await exited;
		}
		await server?.stop();
		await fs.rm(dataDir, { recursive: true, force: true });
	}
}

main().catch((error: unknown) => {
	process.stderr.write(
		`bench failed: ${error instanceof Error ? `${error.message} ${String(error.cause ?? '')}` : String(error)}\n`
	);
	process.exit(1);
});
