/**
 * Throughput of the built relay, run as its own process as `npm start` runs it:
 *   sequencer: issued numbers per second (concurrent devices, one series);
 *   sends: accepted sends (202, persisted with fsync) per second, with the worker delivering to
 *   the preview outbox at the same time;
 *   sync: sync-log rows appended per second, one row per push and in batches, while `--sockets`
 *   authenticated idle event sockets stay open, and how long a poke takes to reach all of them.
 *   Single-row pushes go over each device's events socket as the app sends them
 *   (protocol/socket-push.ts), and once more over HTTP (its fallback) for comparison.
 * With `--backend postgres` the relays share a private PostgreSQL server (initdb into a temporary
 * directory, as the tests start it), and `--processes N` starts N relays on it, the load spread
 * over them round-robin as a load balancer would.
 * Prints one JSON object.
 * Usage: npm --prefix relay run bench [-- --issues N --sends N --appends N --single N --batch N
 *   --sockets N --concurrency N --backend sqlite|postgres --processes N --only sync|sends --profile DIR]
 * `--only sync` runs only the sync phases (pushes and the idle-socket poke), `--only sends` only the
 * sends (to profile or compare them alone); `--single N` sets the
 * number of one-row pushes (default: appends / 5).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { WebSocket } from 'ws';
import { encodeSocketPush, type PushFrameRow } from '../src/protocol/index.js';
import { startPostgres, type PostgresServer } from '../test/helpers/postgres-server.js';
import { sendRequest } from '../test/helpers/send-request.js';

const { values } = parseArgs({
	options: {
		issues: { type: 'string', default: '3000' },
		sends: { type: 'string', default: '1000' },
		appends: { type: 'string', default: '5000' },
		single: { type: 'string' },
		only: { type: 'string' },
		batch: { type: 'string', default: '50' },
		sockets: { type: 'string', default: '1000' },
		concurrency: { type: 'string', default: '32' },
		backend: { type: 'string', default: 'sqlite' },
		processes: { type: 'string', default: '1' },
		profile: { type: 'string' }
	}
});
const backend = values.backend === 'postgres' ? 'postgres' : 'sqlite';
const processCount = Math.max(1, Number(values.processes));
const issues = Number(values.issues);
const sends = Number(values.sends);
const concurrency = Number(values.concurrency);
const appends = Number(values.appends);
const batch = Number(values.batch);
const singlePushes = values.single === undefined ? Math.round(appends / 5) : Number(values.single);
const syncOnly = values.only === 'sync';
const sendsOnly = values.only === 'sends';
const socketCount = Number(values.sockets);
/** A directory for each relay's V8 CPU profile (`node --cpu-prof`), written when it stops. */
const profileDir = values.profile === undefined ? undefined : path.resolve(values.profile);

interface DeviceSocket {
	socket: WebSocket;
	/** A sync push over the socket; resolves with the HTTP status it stands for (200: acked). */
	push(rows: readonly PushFrameRow[]): Promise<number>;
}

/**
 * Opens an events socket as a device does and resolves once it is authenticated; `onHead` sees
 * the head of every sync poke it receives, `onJob` the id and status of every job poke.
 */
function openSocket(
	url: string,
	device: Device,
	onHead: (head: number) => void,
	onJob: (id: string, status: string) => void = () => undefined
): Promise<DeviceSocket> {
	return new Promise<DeviceSocket>((resolve, reject) => {
		const socket = new WebSocket(
			`${url.replace('http', 'ws')}/api/v1/workspaces/${device.workspaceId}/events`
		);
		let lastId = 0;
		const answers = new Map<number, (status: number) => void>();
		const push = (rows: readonly PushFrameRow[]) =>
			new Promise<number>((done) => {
				const id = ++lastId;
				answers.set(id, done);
				socket.send(encodeSocketPush(id, rows));
			});
		socket.once('error', reject);
		socket.once('open', () => socket.send(JSON.stringify({ type: 'auth', token: device.token })));
		socket.on('message', (data: Buffer) => {
			const message = JSON.parse(data.toString()) as {
				type: string;
				head?: number;
				id?: number;
				status?: number;
				job?: { jobId: string; status: string };
			};
			if (message.type === 'ready') resolve({ socket, push });
			else if (message.type === 'sync') onHead(message.head ?? 0);
			else if (message.type === 'job' && message.job !== undefined)
				onJob(message.job.jobId, message.job.status);
			else if (message.id !== undefined) {
				answers.get(message.id)?.(message.type === 'push-ack' ? 200 : (message.status ?? 0));
				answers.delete(message.id);
			}
		});
	});
}

/**
 * Opens `count` event sockets for one device (spread over the relays) and resolves once every one
 * is authenticated; `pokedAll(head)` resolves when every socket has seen a poke for `head` or later.
 */
async function openSockets(urls: readonly string[], device: Device, count: number) {
	const waiting: { head: number; seen: Set<number>; resolve(): void }[] = [];
	const sockets = await Promise.all(
		Array.from({ length: count }, (_, index) =>
			openSocket(urls[index % urls.length] ?? '', device, (head) => {
				for (const wait of waiting) {
					if (head < wait.head) continue;
					wait.seen.add(index);
					if (wait.seen.size === count) wait.resolve();
				}
			})
		)
	);
	const pokedAll = (head: number) =>
		new Promise<void>((resolve) => {
			if (count === 0) resolve();
			else waiting.push({ head, seen: new Set(), resolve });
		});
	return { sockets, pokedAll };
}
const relayDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const INVITE = 'bench-invite-token-0123456789';

const agent = new http.Agent({ keepAlive: true, maxSockets: Number(values.concurrency) });

/**
 * POSTs a JSON body over a kept-alive connection and resolves with the status once the answer is
 * read. node:http rather than fetch: fetch costs the load generator about twice the CPU per
 * request, CPU the relay under test then lacks on a 2-core machine.
 *
 * A kept-alive socket that sat idle (between phases, while 1,000 sockets open) may be closed by
 * the relay's keep-alive timeout just as the agent reuses it: the request then fails with
 * ECONNRESET before the relay read a byte of it ("socket hang up"). Node's documented remedy is
 * to send such a request again (`request.reusedSocket`); a request that got an answer, or went
 * out on a new socket, is never repeated.
 */
function post(url: string, headers: Record<string, string>, body: string): Promise<number> {
	return new Promise<number>((resolve, reject) => {
		let answered = false;
		const request = http.request(url, { method: 'POST', headers, agent }, (response) => {
			answered = true;
			response.on('error', reject);
			response.on('end', () => resolve(response.statusCode ?? 0));
			response.resume();
		});
		request.on('error', (error: NodeJS.ErrnoException) => {
			if (!answered && request.reusedSocket && error.code === 'ECONNRESET')
				post(url, headers, body).then(resolve, reject);
			else reject(error);
		});
		request.end(body);
	});
}

interface Device {
	workspaceId: string;
	token: string;
}

/** Registers a new workspace with the operator's invite token; its first device is the owner. */
async function register(url: string): Promise<Device> {
	const response = await fetch(`${url}/api/v1/workspaces`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ inviteToken: INVITE, deviceName: 'bench owner' })
	});
	if (response.status !== 201) throw new Error(`register answered ${response.status}`);
	const body = (await response.json()) as { workspaceId: string; deviceToken: string };
	return { workspaceId: body.workspaceId, token: body.deviceToken };
}

/** Joins another device to the owner's workspace with a join token the owner makes. */
async function join(url: string, owner: Device): Promise<Device> {
	const made = await fetch(`${url}/api/v1/workspaces/${owner.workspaceId}/join-tokens`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${owner.token}` },
		body: '{}'
	});
	const { joinToken } = (await made.json()) as { joinToken: string };
	const response = await fetch(`${url}/api/v1/join`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ joinToken, deviceName: 'bench device' })
	});
	if (response.status !== 201) throw new Error(`join answered ${response.status}`);
	const body = (await response.json()) as { workspaceId: string; deviceToken: string };
	return { workspaceId: body.workspaceId, token: body.deviceToken };
}

interface Phase {
	requests: number;
	seconds: number;
	perSecond: number;
	p50Ms: number;
	p99Ms: number;
	/** Relay CPU time per request: comparable across runs even when other work shares the machine. */
	relayCpuMsPerRequest?: number;
	/** The load generator's (this process's) CPU time per request. */
	loadCpuMsPerRequest?: number;
	/** Cores each party kept busy on average during the phase (CPU seconds / wall seconds). */
	cores?: { relay: number; load: number; postgres?: number };
}

/**
 * CPU seconds (user + system) a process has used, from /proc on Linux; with `children`, also what
 * its exited children used (PostgreSQL's postmaster reaps its backends). Undefined elsewhere.
 */
async function cpuSeconds(pid: number | undefined, children = false): Promise<number | undefined> {
	if (pid === undefined) return undefined;
	try {
		const fields =
			(await fs.readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]?.split(' ') ?? [];
		const own = Number(fields[11]) + Number(fields[12]);
		const reaped = children ? Number(fields[13]) + Number(fields[14]) : 0;
		return (own + reaped) / 100;
	} catch {
		return undefined;
	}
}

/** CPU seconds of a process and all its live children (PostgreSQL: postmaster and backends). */
async function treeCpuSeconds(pid: number | undefined): Promise<number | undefined> {
	if (pid === undefined) return undefined;
	let total = (await cpuSeconds(pid, true)) ?? 0;
	for (const entry of await fs.readdir('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = await fs.readFile(`/proc/${entry}/stat`, 'utf8');
			if (Number(stat.split(') ')[1]?.split(' ')[1]) === pid)
				total += (await cpuSeconds(Number(entry))) ?? 0;
		} catch {
			// the process ended between readdir and readFile
		}
	}
	return total;
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
	const profile = profileDir === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', profileDir];
	const child = spawn(process.execPath, [...profile, path.join(relayDir, 'dist/main.js')], {
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
		// The load: `concurrency` devices of one workspace, each with its own token and, as the app
		// keeps one, an events socket (on the relay its index picks) that every push pokes.
		const owner = await register(url);
		const devices = [owner];
		while (devices.length < concurrency) devices.push(await join(url, owner));
		// The first device counts its pokes: one per group of pushes made durable together.
		let pokes = 0;
		// It also sees every job of the workspace reach 'sent', on whichever process delivered it.
		const sent = new Set<string>();
		let sentWaiter: { count: number; resolve(): void } | undefined;
		const deviceSockets = await Promise.all(
			devices.map((device, index) =>
				openSocket(
					urls[index % urls.length] ?? url,
					device,
					() => {
						if (index === 0) pokes++;
					},
					(id, status) => {
						if (index !== 0 || status !== 'sent') return;
						sent.add(id);
						if (sentWaiter !== undefined && sent.size >= sentWaiter.count) sentWaiter.resolve();
					}
				)
			)
		);
		const allSent = (count: number) =>
			new Promise<void>((resolve) => {
				if (sent.size >= count) resolve();
				else sentWaiter = { count, resolve };
			});
		/** The i-th request's device and base URL: round-robin over the devices and the processes. */
		const requestFor = (i: number) => {
			const device = devices[i % devices.length] ?? owner;
			return {
				base: `${urls[i % urls.length] ?? url}/api/v1/workspaces/${device.workspaceId}`,
				headers: { 'content-type': 'application/json', authorization: `Bearer ${device.token}` }
			};
		};

		/** CPU of every relay process, of this load generator and of PostgreSQL. */
		const cpu = async () => {
			let relay: number | undefined = 0;
			for (const { child } of relays) {
				const seconds = await cpuSeconds(child.pid);
				relay = seconds === undefined || relay === undefined ? undefined : relay + seconds;
			}
			const usage = process.cpuUsage();
			const load = (usage.user + usage.system) / 1e6;
			const postgres = server === undefined ? undefined : await treeCpuSeconds(server.pid);
			return { relay, load, postgres };
		};
		const round = (value: number, places: number) =>
			Math.round(value * 10 ** places) / 10 ** places;
		/** The phase's figures plus the CPU each party used between two snapshots. */
		const withCpu = (
			result: Phase,
			before: Awaited<ReturnType<typeof cpu>>,
			after: Awaited<ReturnType<typeof cpu>>
		): Phase => {
			const perRequest = (seconds: number) => round((seconds * 1000) / result.requests, 2);
			const cores = (seconds: number) => round(seconds / result.seconds, 2);
			const load = after.load - before.load;
			if (before.relay === undefined || after.relay === undefined) return result;
			const relay = after.relay - before.relay;
			const postgres =
				before.postgres === undefined || after.postgres === undefined
					? undefined
					: after.postgres - before.postgres;
			return {
				...result,
				relayCpuMsPerRequest: perRequest(relay),
				loadCpuMsPerRequest: perRequest(load),
				cores: {
					relay: cores(relay),
					load: cores(load),
					...(postgres === undefined ? {} : { postgres: cores(postgres) })
				}
			};
		};
		const measured = async (phase: () => Promise<Phase>): Promise<Phase> => {
			const before = await cpu();
			const result = await phase();
			return withCpu(result, before, await cpu());
		};
		const sequencer =
			syncOnly || sendsOnly
				? undefined
				: await measured(() =>
						runPhase(
							issues,
							async (i) => {
								const { base, headers } = requestFor(i);
								return post(
									`${base}/series/BENCH/issue`,
									headers,
									JSON.stringify({ invoiceId: randomUUID(), issueDate: '2026-01-02' })
								);
							},
							201
						)
					);
		const body = (i: number) =>
			JSON.stringify(sendRequest({ channel: 'email', invoiceNumber: `B-${i}` }));
		const sendsStarted = performance.now();
		const beforeSends = await cpu();
		const accepted = syncOnly
			? undefined
			: await measured(() =>
					runPhase(
						sends,
						async (i) => {
							const { base, headers } = requestFor(i);
							return post(`${base}/outbox`, headers, body(i));
						},
						202
					)
				);
		// The same sends until the last one is delivered: the accepts' cost plus the deliveries'
		// (claims, contents, outcomes, events), which the phase above only partly overlaps.
		let delivered: Phase | undefined;
		if (accepted !== undefined) {
			await allSent(sends);
			const seconds = (performance.now() - sendsStarted) / 1000;
			delivered = withCpu(
				{
					requests: sends,
					seconds: round(seconds, 3),
					perSecond: Math.round(sends / seconds),
					p50Ms: 0,
					p99Ms: 0
				},
				beforeSends,
				await cpu()
			);
		}
		if (sendsOnly) {
			process.stdout.write(
				JSON.stringify({
					bench: 'relay',
					backend,
					processes: relays.length,
					concurrency,
					sends: { ...accepted, unit: 'accepted sends/s' },
					sendsDelivered: { ...delivered, unit: 'sends accepted and delivered/s' }
				}) + '\n'
			);
			for (const device of deviceSockets) device.socket.close();
			return;
		}
		// Idle sockets: connected devices of another workspace, which the load above never pokes.
		const idle = await register(url);
		const open = await openSockets(urls, idle, socketCount);
		const envelope = Buffer.alloc(300, 7).toString('base64');
		let rowId = 0;
		const push = async (rows: number, target = requestFor(rowId)) => {
			return post(
				`${target.base}/sync/push`,
				target.headers,
				JSON.stringify({
					rows: Array.from({ length: rows }, () => ({
						clientId: `bench-row-${rowId++}`,
						docId: `doc-${rowId % 500}`,
						envelope
					}))
				})
			);
		};
		const singleOverHttp = await measured(() => runPhase(singlePushes, () => push(1), 200));
		// As the app pushes while its events socket is open: one message each way.
		const rawEnvelope = Buffer.alloc(300, 7);
		const pokesBefore = pokes;
		const single = await measured(() =>
			runPhase(
				singlePushes,
				(i) => {
					const device = deviceSockets[i % deviceSockets.length];
					if (device === undefined) throw new Error('no device socket');
					const id = rowId++;
					return device.push([
						{ clientId: `bench-row-${id}`, docId: `doc-${id % 500}`, envelope: rawEnvelope }
					]);
				},
				200
			)
		);
		const singlePokes = pokes - pokesBefore;
		const batched = await measured(() =>
			runPhase(Math.ceil(appends / batch), () => push(batch), 200)
		);
		// The idle workspace's first row: how long one append takes to poke all its sockets.
		const pokeStarted = performance.now();
		const everyone = open.pokedAll(1);
		await push(1, {
			base: `${url}/api/v1/workspaces/${idle.workspaceId}`,
			headers: { 'content-type': 'application/json', authorization: `Bearer ${idle.token}` }
		});
		await everyone;
		const pokeAllMs = Math.round((performance.now() - pokeStarted) * 10) / 10;
		for (const device of [...open.sockets, ...deviceSockets]) device.socket.close();
		process.stdout.write(
			JSON.stringify({
				bench: 'relay',
				node: process.version,
				cpus: os.cpus().length,
				backend,
				processes: relays.length,
				concurrency,
				...(sequencer && { sequencer: { ...sequencer, unit: 'issued numbers/s' } }),
				...(accepted && { sends: { ...accepted, unit: 'accepted sends/s' } }),
				...(delivered && {
					sendsDelivered: { ...delivered, unit: 'sends accepted and delivered/s' }
				}),
				syncSingle: {
					...single,
					pushesPerPoke: Math.round((single.requests / Math.max(1, singlePokes)) * 10) / 10,
					unit: 'pushes/s, 1 row each, over the events socket'
				},
				syncSingleHttp: { ...singleOverHttp, unit: 'pushes/s, 1 row each, over HTTP' },
				syncBatched: {
					...batched,
					rowsPerSecond: batched.perSecond * batch,
					unit: `pushes/s, ${batch} rows each`
				},
				devices: devices.length,
				idleSockets: { open: socketCount, pokeAllMs }
			}) + '\n'
		);
	} finally {
		agent.destroy();
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
