import {
	dequeueNumbering,
	enqueueNumbering,
	localCounters,
	queuedNumbering,
	readSyncMeta,
	writeSyncMeta,
	type BillfoldDb,
	type CounterRow
} from '$lib/storage';
import {
	isOffline,
	type IssuedNumber,
	type IssueNumberRequest,
	type SyncTransport
} from './transport';

export type NumberingOutcome =
	({ kind: 'issued' } & IssuedNumber) | { kind: 'queued'; position: number };

export interface CounterMove {
	seriesId: string;
	outcome: 'seeded' | 'in-use';
}

const COUNTERS_MOVED_KEY = 'countersMoved';

/**
 * Invoice numbers on a synced workspace come from the relay's sequencer, keyed by invoice id so a
 * retry returns the same number. Offline, the invoice waits in a local queue ("queued – number on
 * reconnect") and the queue is numbered in the order it was saved once the relay answers again.
 */
export class RelayNumbering {
	constructor(
		private readonly db: BillfoldDb,
		private readonly transport: SyncTransport,
		private readonly clock: () => string = () => new Date().toISOString()
	) {}

	async issue(request: IssueNumberRequest): Promise<NumberingOutcome> {
		// Earlier queued invoices keep their place: numbers stay in the order invoices were saved.
		// The queue's head itself (also while the queue drains) goes straight to the relay.
		const queue = await queuedNumbering(this.db);
		const place = queue.findIndex((row) => row.invoiceId === request.invoiceId);
		if (place === 0 || (place < 0 && queue.length === 0)) {
			try {
				return { kind: 'issued', ...(await this.transport.issueNumber(request)) };
			} catch (error) {
				if (!isOffline(error)) throw error;
			}
		}
		await enqueueNumbering(this.db, { ...request, queuedAt: this.clock() });
		const waiting = await queuedNumbering(this.db);
		return {
			kind: 'queued',
			position: waiting.findIndex((row) => row.invoiceId === request.invoiceId) + 1
		};
	}

	queued(): Promise<string[]> {
		return queuedNumbering(this.db).then((rows) => rows.map((row) => row.invoiceId));
	}

	/**
	 * Numbers the queue in order. `onIssued` freezes the invoice with its number; it runs before the
	 * invoice leaves the queue, and the sequencer is idempotent, so a crash in between only repeats
	 * the same number. Stops quietly at the first offline failure; returns how many were numbered.
	 */
	async drain(
		onIssued: (invoiceId: string, issued: IssuedNumber) => Promise<void>
	): Promise<number> {
		let numbered = 0;
		for (const row of await queuedNumbering(this.db)) {
			let issued: IssuedNumber;
			try {
				issued = await this.transport.issueNumber({
					invoiceId: row.invoiceId,
					seriesId: row.seriesId,
					issueDate: row.issueDate
				});
			} catch (error) {
				if (isOffline(error)) return numbered;
				throw error;
			}
			await onIssued(row.invoiceId, issued);
			await dequeueNumbering(this.db, row.invoiceId);
			numbered++;
		}
		return numbered;
	}

	/**
	 * The first time sync is turned on, each local series counter moves to the relay so numbering
	 * continues where this device left off. A series the relay already numbers stays as it is.
	 */
	async moveCountersToRelay(
		relaySeriesOf: (counter: CounterRow) => string = (counter) => counter.series
	): Promise<CounterMove[]> {
		if (await readSyncMeta<boolean>(this.db, COUNTERS_MOVED_KEY)) return [];
		const moves: CounterMove[] = [];
		for (const counter of await localCounters(this.db)) {
			if (counter.lastNumber === 0) continue;
			const seriesId = relaySeriesOf(counter);
			const outcome = await this.transport.seedSeries({
				seriesId,
				lastNumber: counter.lastNumber,
				lastIssueDate: counter.lastIssueDate
			});
			moves.push({ seriesId, outcome });
		}
		await writeSyncMeta(this.db, COUNTERS_MOVED_KEY, true);
		return moves;
	}
}
