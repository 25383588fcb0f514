import { Resolver } from 'node:dns/promises';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import path from 'node:path';
import type { AccessPoint } from './access-point/access-point.js';
import { createPeppolConnections } from './access-point/connections.js';
import { createRecommandAccessPoint } from './access-point/recommand.js';
import { createSecretBox, loadSecretKey } from './access-point/secret-box.js';
import { authRoutes } from './api/auth-routes.js';
import { companyLookupRoutes } from './api/company-lookup-routes.js';
import { inboxRoutes } from './api/inbox-routes.js';
import type { InboxPoke } from './protocol/index.js';
import { infoRoutes } from './api/info-routes.js';
import { mailPreviewRoutes } from './api/mail-preview-routes.js';
import { nudgeRoutes } from './api/nudge-routes.js';
import { outboxRoutes } from './api/outbox-routes.js';
import { peppolConnectionRoutes } from './api/peppol-connection-routes.js';
import { peppolRoutes } from './api/peppol-routes.js';
import { presentJob } from './api/presenters.js';
import { sequencerRoutes } from './api/sequencer-routes.js';
import { createSyncPush } from './api/sync-push.js';
import { syncRoutes } from './api/sync-routes.js';
import type { ApiServices } from './api/services.js';
import { firstStartInviteToken, inviteLink } from './auth/invite.js';
import { systemClock, type Clock } from './clock.js';
import { createViesLookup } from './company-lookup/create.js';
import type { Config } from './config.js';
import {
	createPreviewTransport,
	createSmtpTransport,
	type MailTransport
} from './email/mail-transport.js';
import { guard } from './guard.js';
import { clientAddress } from './http/client-address.js';
import { createRateLimiter } from './http/rate-limiter.js';
import { authenticate, createDeviceGate } from './http/device-gate.js';
import { createRequestHandler } from './http/request-handler.js';
import { createRouter } from './http/router.js';
import { connectSources } from './http/security-headers.js';
import { createStaticFiles } from './http/static-files.js';
import { createInboxIntake } from './inbox/intake.js';
import { sweepInbox } from './inbox/retention.js';
import { createLogger, errorKind, type Logger } from './log.js';
import { sweepRetention } from './outbox/retention.js';
import { createRemoteJobChanges } from './outbox/remote-job-changes.js';
import { createOutboxWorker } from './outbox/worker.js';
import { createPeppolDiscovery, type PeppolDiscovery } from './peppol/discovery.js';
import { createAddressPolicy } from './peppol/address-policy.js';
import { createGuardedGet } from './peppol/guarded-get.js';
import { createHostResolver } from './peppol/host-resolver.js';
import { createSml } from './peppol/sml.js';
import { createSmpClient } from './peppol/smp.js';
import { createNudgeSweep } from './nudge/nudge-sweep.js';
import { lockDataDir } from './storage/data-dir-lock.js';
import { withFaults } from './storage/fault-injection.js';
import { openStorage } from './storage/open-storage.js';
import type { JobRecord, RelayEvent, Storage } from './storage/storage.js';
import { createEventHub } from './ws/event-hub.js';
import { createSocketPushHandler } from './ws/socket-push.js';
import { createSyncPokes } from './ws/sync-pokes.js';

const MAX_SMP_RESPONSE_BYTES = 1024 * 1024;
const MAX_SMP_HTTP_REDIRECTS = 3;
/** Short against a delivery, long enough that a burst of queued jobs is claimed in one query. */
const CLAIM_WINDOW_MS = 10;
/**
 * A device sees a job change made on another process up to this much later than one on the
 * process that made it: the changes of one window are read in one query, and a job that went
 * from claimed to sent within it is read once.
 */
const REMOTE_JOB_WINDOW_MS = 25;

export interface RelayDependencies {
	clock?: Clock;
	fetch?: typeof fetch;
	log?: Logger;
	/** Replaces the configured access point (tests only need the config path; this is for embedding). */
	accessPoint?: AccessPoint;
	version?: string;
}

export interface Relay {
	url: string;
	port: number;
	/**
	 * The one-click invite link while no workspace exists yet, else undefined. A generated invite
	 * is shown only on the first start (its hash is all that is kept).
	 */
	firstInviteLink: string | undefined;
	onJobChange(listener: (job: JobRecord) => void): () => void;
	/** Runs the retention sweep now (it also runs on a timer). */
	sweep(): Promise<void>;
	/** Runs the nudge sweep now (it also runs on a timer); resolves with how many mails went out. */
	nudgeSweep(): Promise<number>;
	close(): Promise<void>;
}

function selectAccessPoint(config: Config, fetchImpl: typeof fetch): AccessPoint | undefined {
	switch (config.accessPoint.kind) {
		case 'none':
			return undefined;
		case 'recommand':
			return createRecommandAccessPoint({ ...config.accessPoint, fetch: fetchImpl });
	}
}

function createDiscovery(config: Config, clock: Clock): PeppolDiscovery {
	const resolver = new Resolver({ timeout: config.peppol.dnsTimeoutMs, tries: 2 });
	const custom = config.peppol.dnsServers.length > 0;
	if (custom) resolver.setServers(config.peppol.dnsServers);
	return createPeppolDiscovery({
		sml: createSml({ zone: config.peppol.smlZone, resolver }),
		smp: createSmpClient({
			get: createGuardedGet({
				resolveHost: createHostResolver(custom ? resolver : undefined),
				allowHttp: config.peppol.smpAllowHttp,
				policy: createAddressPolicy(config.peppol.smpPrivateAddresses),
				timeoutMs: config.peppol.smpTimeoutMs,
				maxBytes: MAX_SMP_RESPONSE_BYTES,
				maxRedirects: MAX_SMP_HTTP_REDIRECTS,
				accept: 'application/xml, text/xml'
			})
		}),
		clock,
		cacheTtlMs: config.peppol.cacheTtlMs
	});
}

function mailFrom(config: Config): string {
	if (config.mail.from !== undefined) return config.mail.from;
	const host = config.publicUrl === undefined ? 'localhost' : new URL(config.publicUrl).hostname;
	return `no-reply@${host}`;
}

/** Wires storage, discovery, delivery, HTTP and WebSocket together and starts listening. */
export async function startRelay(config: Config, deps: RelayDependencies = {}): Promise<Relay> {
	const clock = deps.clock ?? systemClock;
	const fetchImpl = deps.fetch ?? fetch;
	const log = deps.log ?? createLogger({ level: config.logLevel });
	// On SQLite the data directory is the database and one process owns it; on PostgreSQL it
	// holds only this process's mail previews and the database coordinates the processes.
	const unlock = config.databaseUrl === undefined ? lockDataDir(config.dataDir) : () => undefined;
	let storage: Storage;
	try {
		storage = withFaults(await openStorage(config, log), config.testFaults);
	} catch (error) {
		unlock();
		throw error;
	}
	if (config.testFaults.length > 0)
		log.warn('test-faults-enabled', { rules: config.testFaults.length });
	const previewDir = path.join(config.dataDir, 'mail-preview');
	const accessPoint = deps.accessPoint ?? selectAccessPoint(config, fetchImpl);
	const mail: MailTransport =
		config.mail.smtpUrl === undefined
			? createPreviewTransport({ dir: previewDir, store: storage.mailPreviews, clock })
			: createSmtpTransport(config.mail.smtpUrl, config.mail.timeoutMs);
	const discovery = createDiscovery(config, clock);
	let secretKey: Buffer;
	try {
		secretKey = loadSecretKey(config.secretKey, config.dataDir);
	} catch (error) {
		storage.close();
		unlock();
		throw error;
	}
	const stopping = new AbortController();
	const secretBox = createSecretBox(secretKey);
	const peppolConnections = createPeppolConnections({
		storage,
		box: secretBox,
		endpoints: { ...config.providers, signal: stopping.signal },
		fetch: fetchImpl,
		operator: accessPoint,
		discovery,
		clock,
		log
	});
	if (config.peppol.smpPrivateAddresses !== 'none')
		log.warn('smp-private-addresses-allowed', {
			ranges:
				typeof config.peppol.smpPrivateAddresses === 'string'
					? 'all'
					: config.peppol.smpPrivateAddresses.join(',')
		});

	const server = http.createServer();
	server.requestTimeout = 120_000;
	server.headersTimeout = 30_000;
	const listeners = new Set<(job: JobRecord) => void>();
	const requestRate = {
		perMinute: config.limits.rateLimitPerMinute,
		burst: config.limits.rateLimitBurst
	};
	const deviceGate = createDeviceGate({
		devices: storage.devices,
		workspaceLimiter: {
			take: (key, now) => storage.rateLimits.take('workspace', key, requestRate, now)
		}
	});
	const hub = createEventHub({
		server,
		authenticate: (token) => authenticate(storage.devices, token),
		clientAddress: (req) => clientAddress(req, config.trustProxyHops),
		upgradeLimiter: createRateLimiter({
			perMinute: config.ws.upgradesPerMinute,
			burst: config.ws.upgradeBurst
		}),
		maxPendingPerAddress: config.ws.maxPendingPerAddress,
		now: () => clock.now(),
		log,
		authTimeoutMs: config.ws.authTimeoutMs,
		heartbeatMs: config.ws.heartbeatMs,
		push: createSocketPushHandler({
			gate: deviceGate,
			// syncPush is made with the services below; no socket can push before the server listens.
			push: (auth, rows, requestId, origin) => syncPush(auth, rows, requestId, origin),
			now: () => clock.now(),
			log
		})
	});
	const syncPokes = createSyncPokes(
		(workspaceId, message, except) => hub.publish(workspaceId, message, except),
		log
	);
	/** Tells the other relay processes; this one has already acted on the change itself. */
	const tellOthers = (event: RelayEvent): void => {
		storage.events
			.publish(event)
			.catch((error: unknown) =>
				log.error('event-publish-failed', { kind: event.kind, error: errorKind(error) })
			);
	};
	/** This process's devices and listeners; the other processes hear of it through the store or tellOthers. */
	const pokeJob = (job: JobRecord): void => {
		hub.publish(job.workspaceId, { type: 'job', job: presentJob(job) });
		// A failing listener must not turn an accepted send into a 500, nor stop the others.
		for (const listener of listeners)
			guard(log, 'job-listener-failed', listener, { fields: { jobId: job.id } })(job);
	};
	const onJobChange = (job: JobRecord): void => {
		pokeJob(job);
		tellOthers({ kind: 'job', workspaceId: job.workspaceId, jobId: job.id });
	};
	const worker = createOutboxWorker({
		storage,
		discovery,
		connections: peppolConnections,
		mail,
		mailFrom: mailFrom(config),
		clock,
		log,
		concurrency: config.outbox.concurrency,
		retryBaseMs: config.outbox.retryBaseMs,
		retryMaxMs: config.outbox.retryMaxMs,
		maxAttempts: config.outbox.maxAttempts,
		retentionMs: config.outbox.retentionMs,
		leaseRenewMs: Math.max(200, Math.floor(config.outbox.leaseMs / 3)),
		claimWindowMs: CLAIM_WINDOW_MS,
		onJobChange,
		// The route is not stored until the outcome: another process would read nothing new.
		onJobShown: pokeJob
	});

	const intake = createInboxIntake({
		storage,
		connections: peppolConnections,
		clock,
		log,
		...config.inbox,
		stored: (workspaceId, cursor) => {
			const poke: InboxPoke = { type: 'inbox', cursor };
			hub.publish(workspaceId, poke);
			tellOthers({ kind: 'inbox', workspaceId, cursor });
		}
	});

	let baseUrl = config.publicUrl ?? '';
	const version = deps.version ?? readVersion();
	const services: ApiServices = {
		config,
		storage,
		clock,
		log,
		version,
		baseUrl: () => baseUrl,
		discovery,
		companyLookup: createViesLookup(config, storage, clock, log),
		accessPoint,
		peppolConnections,
		secretBox,
		mailMode: mail.mode,
		previewDir,
		// The enqueue itself announced the job to the other processes (storage.outbox.enqueue).
		jobQueued: (job) => {
			pokeJob(job);
			worker.notify();
		},
		deviceRevoked: (deviceId) => {
			hub.disconnectDevice(deviceId);
			tellOthers({ kind: 'device-revoked', deviceId });
		},
		syncAppended: (workspaceId, head, rows, origin) => {
			syncPokes.appended(workspaceId, head, rows, origin);
			tellOthers({ kind: 'sync', workspaceId, head });
		},
		inboxKeySet: (workspaceId) => intake.notify(workspaceId)
	};
	const remoteJobs = createRemoteJobChanges({
		read: (keys) => storage.outbox.getMany(keys),
		show: (job) => hub.publish(job.workspaceId, { type: 'job', job: presentJob(job) }),
		onError: (error) => log.error('event-handling-failed', { error: errorKind(error) }),
		windowMs: REMOTE_JOB_WINDOW_MS
	});
	const unsubscribe = storage.events.subscribe(
		guard(log, 'event-handling-failed', (event: RelayEvent) => {
			switch (event.kind) {
				case 'sync':
					syncPokes.appended(event.workspaceId, event.head);
					return;
				case 'job-queued':
				case 'job': {
					if (event.kind === 'job-queued') worker.notify();
					const { workspaceId, jobId } = event;
					if (workspaceId === undefined || jobId === undefined) return;
					// Every process hears every job change; only one serving the workspace's devices
					// needs the job, so the others skip the lookup (with three processes that was two
					// extra queries per status change).
					if (hub.hasListeners(workspaceId)) remoteJobs.changed(workspaceId, jobId);
					return;
				}
				case 'device-revoked':
					hub.disconnectDevice(event.deviceId);
					return;
				case 'inbox': {
					const poke: InboxPoke = { type: 'inbox', cursor: event.cursor };
					hub.publish(event.workspaceId, poke);
				}
			}
		})
	);
	const syncPush = createSyncPush(services);
	const router = createRouter([
		...infoRoutes(services),
		...authRoutes(services),
		...sequencerRoutes(services),
		...syncRoutes(services, syncPush),
		...outboxRoutes(services),
		...peppolRoutes(services),
		...companyLookupRoutes(services),
		...peppolConnectionRoutes(services),
		...inboxRoutes(services),
		...mailPreviewRoutes(services),
		...nudgeRoutes(services)
	]);
	const handle = createRequestHandler({
		router,
		staticFiles: createStaticFiles(config.staticDir, {
			connectSources: connectSources(config.publicUrl),
			log
		}),
		deviceGate,
		addressLimiter: {
			take: (key, now) => storage.rateLimits.take('address', key, requestRate, now)
		},
		clock,
		log,
		maxJsonBytes: config.limits.maxJsonBytes,
		maxRequestBytes: config.limits.maxRequestBytes,
		trustProxyHops: config.trustProxyHops
	});
	// Every listener and timer below is guarded: one bad request or socket must never end the
	// process that holds every workspace's sync, numbering and outbox.
	server.on(
		'request',
		guard(log, 'request-crashed', handle, { recover: (_req, res) => res.destroy() })
	);
	server.on(
		'clientError',
		guard(
			log,
			'client-error-failed',
			(error: NodeJS.ErrnoException, socket: Duplex) => {
				// Oversized headers get the 431 Node names for them; any other parse error a 400.
				const status =
					error.code === 'HPE_HEADER_OVERFLOW'
						? '431 Request Header Fields Too Large'
						: '400 Bad Request';
				if (socket.writable)
					socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
				else socket.destroy();
			},
			{ recover: (_error, socket) => socket.destroy() }
		)
	);

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(config.port, config.host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	// Accept errors (EMFILE under a connection flood) are emitted here; unheard, they would throw.
	server.on('error', (error) => log.error('server-error', { error: errorKind(error) }));
	const port = (server.address() as AddressInfo).port;
	const displayHost =
		config.host === '0.0.0.0' || config.host === '::'
			? 'localhost'
			: config.host.includes(':')
				? `[${config.host}]`
				: config.host;
	const url = `http://${displayHost}:${port}`;
	baseUrl = config.publicUrl ?? url;

	await worker.start();
	intake.start();
	const sweep = async () => {
		await sweepRetention({
			storage,
			clock,
			log,
			retentionMs: config.outbox.retentionMs,
			previewDir
		}).catch((error: unknown) => log.error('retention-failed', { error: errorKind(error) }));
		await sweepInbox({ storage, clock, log, maxAgeMs: config.inbox.maxAgeMs }).catch(
			(error: unknown) => log.error('inbox-retention-failed', { error: errorKind(error) })
		);
	};
	const sweeper = setInterval(guard(log, 'retention-failed', sweep), config.outbox.sweepIntervalMs);
	sweeper.unref();
	const runNudgeSweep = createNudgeSweep({
		storage,
		mail,
		mailFrom: mailFrom(config),
		box: secretBox,
		clock,
		log,
		graceMs: config.nudge.graceMs,
		appUrl: () => config.publicUrl
	});
	// One pass at a time in this process (other processes are kept apart by the store's leases);
	// close() waits for a pass under way before it closes the mail transport and the storage.
	let nudging: Promise<number> | undefined;
	const nudgeSweep = (): Promise<number> =>
		(nudging ??= runNudgeSweep()
			.catch((error: unknown) => {
				log.error('nudge-sweep-failed', { error: errorKind(error) });
				return 0;
			})
			.finally(() => (nudging = undefined)));
	const nudger = setInterval(
		guard(log, 'nudge-sweep-failed', async () => {
			await nudgeSweep();
		}),
		config.nudge.sweepIntervalMs
	);
	nudger.unref();

	log.info('listening', {
		url,
		publicUrl: config.publicUrl,
		version,
		mailMode: mail.mode,
		accessPoint: accessPoint?.provider.id ?? 'none',
		smlZone: config.peppol.smlZone
	});

	const firstInvite =
		(await storage.workspaces.count()) === 0
			? await firstStartInviteToken(config.inviteToken, storage.operator)
			: undefined;
	let closing: Promise<void> | undefined;
	return {
		url,
		port,
		firstInviteLink: firstInvite === undefined ? undefined : inviteLink(baseUrl, firstInvite),
		onJobChange(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		sweep,
		nudgeSweep,
		close() {
			closing ??= (async () => {
				clearInterval(sweeper);
				clearInterval(nudger);
				unsubscribe();
				remoteJobs.close();
				syncPokes.close();
				hub.close();
				stopping.abort();
				await worker.stop();
				await intake.stop();
				await nudging;
				await new Promise<void>((resolve) => {
					server.close(() => resolve());
					server.closeAllConnections();
				});
				mail.close();
				await storage.close();
				unlock();
				log.info('stopped');
			})();
			return closing;
		}
	};
}

function readVersion(): string {
	try {
		const file = new URL('../package.json', import.meta.url);
		const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { version?: unknown };
		return typeof parsed.version === 'string' ? parsed.version : '0.0.0';
	} catch {
		return '0.0.0';
	}
}
