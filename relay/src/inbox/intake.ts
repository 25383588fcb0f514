import { randomUUID } from 'node:crypto';
import { AccessPointError } from '../access-point/access-point-error.js';
import type { AccessPoint, ReceivedSummary } from '../access-point/access-point.js';
import type { PeppolConnections } from '../access-point/connections.js';
import { ProviderAnswerTooLarge } from '../access-point/provider-http.js';
import type { Clock } from '../clock.js';
import { errorKind, type Logger } from '../log.js';
import { guard } from '../guard.js';
import { backoffDelay } from '../outbox/backoff.js';
import type { InboxDocumentRecord } from '../storage/inbox.js';
import type { Storage } from '../storage/storage.js';
import { sealDocument } from './sealed-envelope.js';

export interface InboxIntakeOptions {
	storage: Storage;
	connections: PeppolConnections;
	clock: Clock;
	log: Logger;
	pollMs: number;
	pollMaxMs: number;
	/** How long a claimed workspace's poll stays with this process; renewed while it runs. */
	leaseMs: number;
	maxDocumentBytes: number;
	/** A new document was stored durably: poke the workspace's devices. */
	stored(workspaceId: string, cursor: number): void;
}

export interface InboxIntake {
	start(): void;
	/** A workspace's receiving key was just set (which made it due): tick now. */
	notify(workspaceId: string): void;
	stop(): Promise<void>;
}

/** Documents handled per workspace and poll, so one busy inbox cannot starve the others. */
const MAX_PER_POLL = 25;

/**
 * Pulls each connected workspace's received documents from its own access point (polling: see
 * relay/README.md "Inbox" for why not webhooks), seals them to the workspace's receiving key,
 * stores the sealed copy durably and only then acknowledges at the provider. A crash between
 * storing and acknowledging lists the document again; its provider id finds the stored copy, so
 * it is acknowledged without a second copy. The operator's default access point is never polled
 * here: its inbox belongs to no single workspace.
 *
 * The schedule lives in the database: each tick claims due workspaces one by one with a lease
 * (InboxStore.claimPolls), so relay processes sharing one PostgreSQL poll each workspace once per
 * interval, and a killed process's workspaces go to another once its lease ends.
 */
export function createInboxIntake(o: InboxIntakeOptions): InboxIntake {
	const { storage, log } = o;
	let again = false;
	let timer: ReturnType<typeof setTimeout> | undefined;
	let running: Promise<void> | undefined;
	let stopped = false;

	const refusalFor = async (
		accessPoint: AccessPoint,
		summary: ReceivedSummary
	): Promise<{ ubl: Buffer } | { refusal: string }> => {
		// The listing already showed it too large (Let's Peppol lists the UBL): not fetched at all.
		if (summary.tooLargeBytes !== undefined)
			return {
				refusal: `${accessPoint.provider.name} holds a document of more than ${Math.floor(summary.tooLargeBytes / 1024 / 1024)} MB. The relay refuses documents that large; open it in your access point's own portal.`
			};
		try {
			const document = await accessPoint.fetchReceived(summary.id);
			const ubl = Buffer.from(document.ubl, 'utf8');
			if (ubl.length > o.maxDocumentBytes)
				return {
					refusal: `The document is ${ubl.length} bytes, over the relay's inbox limit of ${o.maxDocumentBytes} bytes; open it in your access point's own portal.`
				};
			return { ubl };
		} catch (error) {
			if (error instanceof ProviderAnswerTooLarge)
				return {
					refusal: `${error.message} The relay refuses documents that large; open it in your access point's own portal.`
				};
			throw error;
		}
	};

	const intakeOne = async (
		workspaceId: string,
		receivingKey: Buffer,
		accessPoint: AccessPoint,
		summary: ReceivedSummary
	): Promise<InboxDocumentRecord> => {
		const providerId = accessPoint.provider.id;
		const existing = await storage.inbox.findByProviderId(workspaceId, providerId, summary.id);
		if (existing !== undefined) return existing;
		const id = randomUUID();
		const fetched = await refusalFor(accessPoint, summary);
		const sealed =
			'ubl' in fetched ? await sealDocument(receivingKey, workspaceId, id, fetched.ubl) : null;
		const { record, created } = await storage.inbox.add({
			id,
			workspaceId,
			providerId,
			providerDocumentId: summary.id,
			documentType: summary.documentType,
			sender: summary.sender,
			receivedAt: summary.receivedAt,
			state: sealed === null ? 'refused' : 'sealed',
			refusal: 'refusal' in fetched ? fetched.refusal : null,
			sizeBytes: 'ubl' in fetched ? fetched.ubl.length : 0,
			sealed,
			storedAt: o.clock.now()
		});
		await storage.durable();
		log.info('inbox-document-stored', {
			workspaceId,
			documentId: record.id,
			provider: providerId,
			state: record.state
		});
		if (created) o.stored(workspaceId, record.seq);
		return record;
	};

	const pollWorkspace = async (workspaceId: string): Promise<void> => {
		const resolved = await o.connections.resolve(workspaceId);
		const key = await storage.inbox.getKey(workspaceId);
		if (resolved === undefined || resolved.source !== 'workspace' || key === undefined) return;
		const { accessPoint } = resolved;
		const listed = await accessPoint.listReceived();
		for (const summary of listed.slice(0, MAX_PER_POLL)) {
			if (stopped) return;
			const record = await intakeOne(workspaceId, key.publicKey, accessPoint, summary);
			// Listed again means not acknowledged yet, whatever our row says (a crash, a lost answer).
			await accessPoint.acknowledgeReceived(summary.id);
			await storage.inbox.markAcknowledged(workspaceId, record.id, o.clock.now());
			log.info('inbox-document-acknowledged', { workspaceId, documentId: record.id });
		}
	};

	/** Polls one claimed workspace, keeping its lease alive meanwhile, and schedules its next poll. */
	const pollClaimed = async (workspaceId: string, failures: number): Promise<void> => {
		const renew = setInterval(
			guard(log, 'inbox-lease-renewal-failed', () =>
				storage.inbox.extendPollLeases([workspaceId], o.clock.now(), o.leaseMs)
			),
			Math.max(100, Math.floor(o.leaseMs / 3))
		);
		renew.unref();
		try {
			await pollWorkspace(workspaceId);
			// Stopping mid-poll hands the rest to another process (or this one's next start) at once.
			await storage.inbox.finishPoll(workspaceId, o.clock.now() + (stopped ? 0 : o.pollMs), 0);
		} catch (error) {
			const delay = backoffDelay(failures + 2, o.pollMs, o.pollMaxMs);
			await storage.inbox.finishPoll(workspaceId, o.clock.now() + delay, failures + 1);
			log.warn('inbox-poll-failed', {
				workspaceId,
				error: error instanceof AccessPointError ? error.code : errorKind(error),
				retryInMs: delay
			});
			if (error instanceof AccessPointError && error.code === 'peppol-credentials-rejected')
				o.connections.recordError(workspaceId, error);
		} finally {
			clearInterval(renew);
		}
	};

	const tick = async (): Promise<void> => {
		let polled = 0;
		while (!stopped) {
			// One at a time, so the processes sharing a database share the due workspaces too.
			const [claimed] = await storage.inbox.claimPolls(o.clock.now(), o.leaseMs, 1);
			if (claimed === undefined) break;
			log.debug('inbox-poll-claimed', { workspaceId: claimed.workspaceId });
			await pollClaimed(claimed.workspaceId, claimed.failures);
			polled += 1;
		}
		log.debug('inbox-tick', { polled });
	};

	const arm = (delayMs: number): void => {
		if (stopped) return;
		clearTimeout(timer);
		timer = setTimeout(run, delayMs);
		timer.unref();
	};

	function run(): void {
		if (running !== undefined || stopped) return;
		again = false;
		running = tick()
			.catch((error: unknown) => log.error('inbox-intake-failed', { error: errorKind(error) }))
			.finally(() => {
				running = undefined;
				arm(again ? 0 : o.pollMs);
			});
	}

	return {
		start: () => arm(0),
		// Setting the key already made the workspace due in the database (InboxStore.putKey).
		notify() {
			if (running === undefined) arm(0);
			else again = true;
		},
		async stop() {
			stopped = true;
			clearTimeout(timer);
			await running;
		}
	};
}
