import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Clock } from '../../src/clock.js';
import { parseConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { startRelay, type Relay } from '../../src/relay.js';
import type { JobRecord } from '../../src/storage/storage.js';
import { suiteDatabase, suitePostgresUrl } from './postgres-server.js';
import { TEST_INVITE_TOKEN } from './workspace.js';

export interface TestRelay {
	relay: Relay;
	url: string;
	dataDir: string;
	/** BILLFOLD_DATABASE_URL in the PostgreSQL run (for a restart or the CLI on the same data). */
	databaseEnv: Record<string, string>;
	staticDir: string;
	logs: string[];
	/** Resolves with the first JSON log event that satisfies the predicate (past events included). */
	waitForLog(
		predicate: (event: Record<string, unknown>) => boolean
	): Promise<Record<string, unknown>>;
	/** Resolves with the first job change that satisfies the predicate (past changes included). */
	waitForJob(predicate: (job: JobRecord) => boolean): Promise<JobRecord>;
	jobChanges: JobRecord[];
	close(): Promise<void>;
}

export async function makeTempDir(prefix: string): Promise<string> {
	return fs.mkdtemp(path.join(os.tmpdir(), `billfold-${prefix}-`));
}

/** A tiny stand-in for the SvelteKit build: fallback page, service worker, hashed asset, manifest. */
export async function makeStaticDir(): Promise<string> {
	const dir = await makeTempDir('static');
	await fs.mkdir(path.join(dir, '_app/immutable/entry'), { recursive: true });
	await fs.writeFile(
		path.join(dir, 'index.html'),
		'<!doctype html><title>Billfold</title><div id="app"></div>'
	);
	await fs.writeFile(
		path.join(dir, 'service-worker.js'),
		'self.addEventListener("install", () => {});'
	);
	await fs.writeFile(path.join(dir, 'manifest.webmanifest'), '{"name":"Billfold"}');
	await fs.writeFile(
		path.join(dir, '_app/immutable/entry/start.abc123.js'),
		'export const start = 1;'
	);
	return dir;
}

/**
 * In the PostgreSQL run of the suite (test/with-postgres.ts) every relay gets a new database on
 * the suite's private server, unless the test chose its storage itself; in the SQLite run, none.
 */
export async function testDatabase(
	env: Record<string, string | undefined>
): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
	const admin = suitePostgresUrl();
	if (admin === undefined || 'BILLFOLD_DATABASE_URL' in env)
		return { env: {}, drop: () => Promise.resolve() };
	const database = await suiteDatabase(admin);
	return {
		// A killed process's jobs come back after the lease; 5 s outlasts every test delivery.
		env: { BILLFOLD_DATABASE_URL: database.url, BILLFOLD_OUTBOX_LEASE_MS: '5000' },
		drop: database.drop
	};
}

/**
 * Starts a relay in this process on port 0 with a fresh data directory (and, in the PostgreSQL
 * run, a fresh database). Environment overrides go
 * through the real config parser; an override set to undefined removes the variable (for example
 * BILLFOLD_INVITE_TOKEN, to let the relay generate its own).
 */
export async function startTestRelay(
	env: Record<string, string | undefined> = {},
	deps: { clock?: Clock; dataDir?: string } = {}
): Promise<TestRelay> {
	const dataDir = deps.dataDir ?? (await makeTempDir('data'));
	const staticDir = await makeStaticDir();
	const database = await testDatabase(env);
	const variables = {
		BILLFOLD_PORT: '0',
		BILLFOLD_DATA_DIR: dataDir,
		BILLFOLD_STATIC_DIR: staticDir,
		BILLFOLD_INVITE_TOKEN: TEST_INVITE_TOKEN,
		BILLFOLD_LOG_LEVEL: 'info',
		BILLFOLD_RETRY_BASE_MS: '50',
		BILLFOLD_RETRY_MAX_MS: '400',
		BILLFOLD_DNS_TIMEOUT_MS: '300',
		// Tests never ask the real SML: an unused loopback port makes a lookup 'unknown' at once.
		BILLFOLD_DNS_SERVERS: '127.0.0.1:9',
		// Nor the real VIES: company-lookup tests start a contract server of their own.
		BILLFOLD_VIES_URL: 'http://127.0.0.1:9',
		BILLFOLD_SMP_ALLOW_HTTP: 'true',
		BILLFOLD_SMTP_TIMEOUT_MS: '2000',
		BILLFOLD_RATE_LIMIT_BURST: '100000',
		BILLFOLD_RATE_LIMIT_PER_MINUTE: '1000000',
		...database.env,
		...env
	};
	const config = parseConfig(variables, path.resolve('.'));
	const logs: string[] = [];
	const logWaiters = new Set<{
		predicate: (event: Record<string, unknown>) => boolean;
		resolve: (event: Record<string, unknown>) => void;
	}>();
	const log = createLogger({
		level: config.logLevel,
		write: (line) => {
			logs.push(line);
			if (logWaiters.size === 0) return;
			const event = JSON.parse(line) as Record<string, unknown>;
			for (const waiter of logWaiters)
				if (waiter.predicate(event)) {
					logWaiters.delete(waiter);
					waiter.resolve(event);
				}
		}
	});
	const relay = await startRelay(config, { log, clock: deps.clock, version: 'test' });
	const jobChanges: JobRecord[] = [];
	const waiters = new Set<{
		predicate: (job: JobRecord) => boolean;
		resolve: (job: JobRecord) => void;
	}>();
	relay.onJobChange((job) => {
		jobChanges.push(job);
		for (const waiter of waiters) {
			if (waiter.predicate(job)) {
				waiters.delete(waiter);
				waiter.resolve(job);
			}
		}
	});
	return {
		relay,
		url: relay.url,
		dataDir,
		databaseEnv: database.env,
		staticDir,
		logs,
		jobChanges,
		waitForLog(predicate) {
			for (const line of logs) {
				const event = JSON.parse(line) as Record<string, unknown>;
				if (predicate(event)) return Promise.resolve(event);
			}
			return new Promise((resolve) => logWaiters.add({ predicate, resolve }));
		},
		waitForJob(predicate) {
			const past = jobChanges.find(predicate);
			if (past !== undefined) return Promise.resolve(past);
			return new Promise((resolve) => waiters.add({ predicate, resolve }));
		},
		async close() {
			await relay.close();
			await database.drop();
			await fs.rm(staticDir, { recursive: true, force: true });
			if (deps.dataDir === undefined) await fs.rm(dataDir, { recursive: true, force: true });
		}
	};
}
