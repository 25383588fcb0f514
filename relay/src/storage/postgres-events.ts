import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { z } from 'zod';
import type { Logger } from '../log.js';
import { errorKind } from '../log.js';
import { batchedCalls } from './postgres-batch.js';
import type { PostgresDatabase } from './postgres-database.js';
import type { RelayEvent, RelayEventBus } from './relay-events.js';

/** The one channel every relay process LISTENs on (the enqueue routine NOTIFYs on it too). */
export const EVENTS_CHANNEL = 'billfold_events';
const RECONNECT_MS = 1000;

const eventSchema = z.discriminatedUnion('kind', [
	z.object({ kind: z.literal('sync'), workspaceId: z.string(), head: z.number().int() }),
	z.object({ kind: z.literal('job'), workspaceId: z.string(), jobId: z.string() }),
	// Without ids from a process of the version before (a rolling restart runs both): it only
	// wakes the worker.
	z.object({
		kind: z.literal('job-queued'),
		workspaceId: z.string().optional(),
		jobId: z.string().optional()
	}),
	z.object({ kind: z.literal('device-revoked'), deviceId: z.string() }),
	z.object({ kind: z.literal('inbox'), workspaceId: z.string(), cursor: z.number().int() })
]);
const notificationSchema = z.object({ origin: z.string(), event: eventSchema });

/** A notification's sender and event, or undefined when its payload is not one. */
export function parseNotification(
	payload: string | undefined
): { origin: string; event: RelayEvent } | undefined {
	let json: unknown;
	try {
		json = JSON.parse(payload ?? '');
	} catch {
		return undefined;
	}
	const parsed = notificationSchema.safeParse(json);
	return parsed.success ? parsed.data : undefined;
}

export interface PostgresEvents extends RelayEventBus {
	/** This process's id in every notification it sends (a routine that NOTIFYs passes it too). */
	origin: string;
	close(): Promise<void>;
}

/**
 * Events between relay processes over LISTEN/NOTIFY. One dedicated connection listens; a lost
 * connection is opened again after a second (a poke missed meanwhile costs a device nothing but
 * latency: it pulls from its cursor on its next poke or reconnect). Notifications carry ids only,
 * never content, and each process ignores its own.
 */
export async function createPostgresEvents(
	database: PostgresDatabase,
	log: Logger
): Promise<PostgresEvents> {
	const origin = randomUUID();
	const listeners = new Set<(event: RelayEvent) => void>();
	let client: pg.Client | undefined;
	let closed = false;
	let retry: NodeJS.Timeout | undefined;

	const onNotification = (message: pg.Notification): void => {
		const notification = parseNotification(message.payload);
		if (notification === undefined) {
			log.warn('event-ignored', { reason: 'malformed' });
			return;
		}
		if (notification.origin === origin) return;
		for (const listener of listeners) {
			try {
				listener(notification.event);
			} catch (error) {
				log.error('event-listener-failed', { error: errorKind(error) });
			}
		}
	};

	const connect = async (): Promise<void> => {
		const next = new pg.Client({ connectionString: database.url });
		next.on('notification', onNotification);
		next.on('error', (error) => {
			log.error('event-connection-lost', { error: errorKind(error) });
			if (client === next) client = undefined;
			next.end().catch(() => undefined);
			scheduleReconnect();
		});
		await next.connect();
		await next.query(`LISTEN ${EVENTS_CHANNEL}`);
		if (closed) {
			await next.end();
			return;
		}
		client = next;
	};
	const scheduleReconnect = (): void => {
		if (closed || retry !== undefined) return;
		retry = setTimeout(() => {
			retry = undefined;
			connect().catch((error: unknown) => {
				log.error('event-connection-failed', { error: errorKind(error) });
				scheduleReconnect();
			});
		}, RECONNECT_MS);
		retry.unref();
	};
	await connect();
	// A delivery announces each step of each job: the events that arrive while one NOTIFY runs go
	// out together in one statement (postgres-batch.ts), in order, at its commit. PostgreSQL
	// folds identical payloads of one transaction into one; a repeated poke says nothing more.
	const notify = batchedCalls(async (payloads: string[]) => {
		await database.pool.query('SELECT pg_notify($1, p) FROM unnest($2::text[]) AS p', [
			EVENTS_CHANNEL,
			payloads
		]);
		return payloads.map(() => undefined);
	});

	return {
		origin,
		publish: (event) => notify(JSON.stringify({ origin, event })),
		subscribe: (listener) => {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		close: async () => {
			closed = true;
			if (retry !== undefined) clearTimeout(retry);
			const open = client;
			client = undefined;
			await open?.end().catch(() => undefined);
		}
	};
}
