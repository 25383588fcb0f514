import { randomUUID } from 'node:crypto';
import { AccessPointError } from '../access-point/access-point-error.js';
import type { AccessPoint, ReceivedSummary } from '../access-point/access-point.js';
import type { PeppolConnections } from '../access-point/connections.js';
import { ProviderAnswerTooLarge } from '../access-point/provider-http.js';
import type { Clock } from '../clock.js';
import { errorKind, type Logger } from '../log.js';
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
	maxDocumentBytes: number;
	/** A new document was stored durably: poke the workspace's devices. */
	stored(workspaceId: string, cursor: number): void;
}

export interface InboxIntake {
	start(): void;
	/** Poll this workspace at the next tick (its receiving key was just set). */
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
 */
export function createInboxIntake(o: InboxIntakeOptions): InboxIntake {
	const { storage, log } = o;
	const schedule = new Map<string, { failures: number; nextAt: number }>();
	let timer: ReturnType<typeof setTimeout> | undefined;
	let running: Promise<void> | undefined;
	let stopped = false;

	const refusalFor = async (
		accessPoint: AccessPoint,
		id: string
	): Promise<{ ubl: Buffer } | { refusal: string }> => {
		try {
			const document = await accessPoint.fetchReceived(id);
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
		const fetched = await refusalFor(accessPoint, summary.id);
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

	const tick = async (): Promise<void> => {
		const now = o.clock.now();
		for (const workspaceId of await storage.inbox.intakeWorkspaces()) {
			if (stopped) return;
			const state = schedule.get(workspaceId) ?? { failures: 0, nextAt: 0 };
			if (state.nextAt > now) continue;
			try {
				await pollWorkspace(workspaceId);
				schedule.set(workspaceId, { failures: 0, nextAt: o.clock.now() + o.pollMs });
			} catch (error) {
				const failures = state.failures + 1;
				const delay = backoffDelay(failures + 1, o.pollMs, o.pollMaxMs);
				schedule.set(workspaceId, { failures, nextAt: o.clock.now() + delay });
				log.warn('inbox-poll-failed', {
					workspaceId,
					error: error instanceof AccessPointError ? error.code : errorKind(error),
					retryInMs: delay
				});
				if (error instanceof AccessPointError && error.code === 'peppol-credentials-rejected')
					o.connections.recordError(workspaceId, error);
			}
		}
	};

	const arm = (delayMs: number): void => {
		if (stopped) return;
		clearTimeout(timer);
		timer = setTimeout(run, delayMs);
		timer.unref();
	};

	function run(): void {
		if (running !== undefined || stopped) return;
		running = tick()
			.catch((error: unknown) => log.error('inbox-intake-failed', { error: errorKind(error) }))
			.finally(() => {
				running = undefined;
				arm(o.pollMs);
			});
	}

	return {
		start: () => arm(0),
		notify(workspaceId) {
			schedule.delete(workspaceId);
			if (running === undefined) arm(0);
		},
		async stop() {
			stopped = true;
			clearTimeout(timer);
			await running;
		}
	};
}
