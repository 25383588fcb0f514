import type { InvoiceRecord } from '$lib/document';
import { relaySeriesId, type Series } from '$lib/numbering';
import type { BillfoldDb } from './db';
import type { TakenNumber } from './counter-store';
import { issueInvoice, markQueued } from './invoice-store';
import { readSyncMeta, writeSyncMeta } from './doc-log';
import { dequeueNumbering, enqueueNumbering, localCounters, queuedNumbering } from './number-queue';
import type { CounterRow } from './records';

export interface SequencerRequest {
	invoiceId: string;
	seriesId: string;
	issueDate: string;
}

export interface SequencedNumber {
	sequence: number;
	issueDate: string;
}

/**
 * The relay's sequencer as numbering sees it: one idempotent call keyed by invoice id. Sync
 * supplies it (sync/relay-sequencer.ts) while it runs.
 */
export interface NumberSequencer {
	/** 'offline' when the relay cannot be reached now: the invoice then waits in the queue. */
	issueNumber(request: SequencerRequest): Promise<SequencedNumber | 'offline'>;
	seedSeries(seed: {
		seriesId: string;
		lastNumber: number;
		lastIssueDate: string | null;
	}): Promise<'seeded' | 'in-use'>;
}

export type NumberingOutcome =
	({ kind: 'issued' } & SequencedNumber) | { kind: 'queued'; position: number };

export interface CounterMove {
	seriesId: string;
	outcome: 'seeded' | 'in-use';
}

/** Thrown by `issue` when the invoice went into the offline queue instead of getting a number. */
export class NumberingQueued extends Error {
	constructor(
		readonly invoiceId: string,
		readonly position: number
	) {
		super('Queued – number on reconnect');
		this.name = 'NumberingQueued';
	}
}

export interface IssueRequest {
	invoiceId: string;
	series: Series;
	issueDate: string;
}

export type FreezeWithNumber = (draft: InvoiceRecord, taken: TakenNumber) => InvoiceRecord;

const COUNTERS_MOVED_KEY = 'countersMoved';

/**
 * The one numbering pipeline (architecture §5): every invoice number is issued here. Without a
 * sequencer the local counter numbers the invoice inside the transaction that freezes it. With
 * sync on, the relay's sequencer numbers it first (idempotent by invoice id, so a retry gets the
 * same number); offline, the invoice waits in the local queue ("queued – number on reconnect"),
 * and the queue is numbered in the order it was saved once the relay answers again.
 */
export class NumberingService {
	#sequencer: NumberSequencer | undefined;
	#reissue: ((invoiceId: string) => Promise<void>) | undefined;
	#draining: Promise<number> = Promise.resolve(0);

	constructor(
		private readonly db: () => BillfoldDb,
		private readonly clock: () => string = () => new Date().toISOString()
	) {}

	/** Sync plugs the relay's sequencer in while it runs, and takes it out (undefined) when it stops. */
	useSequencer(sequencer: NumberSequencer | undefined): void {
		this.#sequencer = sequencer;
	}

	/**
	 * How a queued invoice is frozen once the relay numbers it: the invoice service issues it again,
	 * gets the same number (the sequencer is idempotent by invoice id) and builds the document
	 * exactly as an online save does.
	 */
	reissueQueuedWith(reissue: (invoiceId: string) => Promise<void>): void {
		this.#reissue = reissue;
	}

	/**
	 * Numbers the offline queue in order, once the relay answers again (sync calls it). Runs one
	 * drain at a time; does nothing before the invoice service said how to freeze.
	 */
	numberQueue(): Promise<number> {
		const reissue = this.#reissue;
		if (!reissue) return Promise.resolve(0);
		const next = this.#draining.catch(() => 0).then(() => this.drain((id) => reissue(id)));
		this.#draining = next;
		return next;
	}

	/**
	 * Issues the draft: takes its number and stores the frozen record `freeze` builds with it. If
	 * anything throws, neither the number nor the record is kept. Throws NumberingQueued when the
	 * invoice waits for the relay instead.
	 */
	async issue(request: IssueRequest, freeze: FreezeWithNumber): Promise<InvoiceRecord> {
		const { invoiceId, series, issueDate } = request;
		const db = this.db();
		if (!this.#sequencer) {
			return issueInvoice(db, invoiceId, series.id, series.pattern, issueDate, freeze);
		}
		const reserved = await this.reserve({
			invoiceId,
			seriesId: relaySeriesId(series.id, series.pattern, issueDate),
			issueDate
		});
		if (reserved.kind === 'queued') {
			await markQueued(db, invoiceId);
			throw new NumberingQueued(invoiceId, reserved.position);
		}
		return issueInvoice(db, invoiceId, series.id, series.pattern, issueDate, freeze, reserved);
	}

	/** The relay's number for the invoice, or its place in the offline queue. Needs a sequencer. */
	async reserve(request: SequencerRequest): Promise<NumberingOutcome> {
		const sequencer = this.#required();
		// Earlier queued invoices keep their place: numbers stay in the order invoices were saved.
		// The queue's head itself (also while the queue drains) goes straight to the relay.
		const queue = await queuedNumbering(this.db());
		const place = queue.findIndex((row) => row.invoiceId === request.invoiceId);
		if (place === 0 || (place < 0 && queue.length === 0)) {
			const issued = await sequencer.issueNumber(request);
			if (issued !== 'offline') return { kind: 'issued', ...issued };
		}
		await enqueueNumbering(this.db(), { ...request, queuedAt: this.clock() });
		const waiting = await queuedNumbering(this.db());
		return {
			kind: 'queued',
			position: waiting.findIndex((row) => row.invoiceId === request.invoiceId) + 1
		};
	}

	/** The invoices waiting for a number, in the order they were saved. */
	queued(): Promise<string[]> {
		return queuedNumbering(this.db()).then((rows) => rows.map((row) => row.invoiceId));
	}

	/**
	 * Numbers the queue in order. `onIssued` freezes the invoice with its number; it runs before the
	 * invoice leaves the queue, and the sequencer is idempotent, so a crash in between only repeats
	 * the same number. Stops quietly at the first offline failure, and does nothing without a
	 * sequencer; returns how many were numbered.
	 */
	async drain(
		onIssued: (invoiceId: string, issued: SequencedNumber) => Promise<void>
	): Promise<number> {
		const sequencer = this.#sequencer;
		if (!sequencer) return 0;
		let numbered = 0;
		for (const row of await queuedNumbering(this.db())) {
			const issued = await sequencer.issueNumber({
				invoiceId: row.invoiceId,
				seriesId: row.seriesId,
				issueDate: row.issueDate
			});
			if (issued === 'offline') return numbered;
			await onIssued(row.invoiceId, issued);
			await dequeueNumbering(this.db(), row.invoiceId);
			numbered++;
		}
		return numbered;
	}

	/**
	 * The first time sync is turned on, each local series counter moves to the relay so numbering
	 * continues where this device left off. A series the relay already numbers stays as it is.
	 */
	async moveCountersToRelay(
		sequencer: NumberSequencer,
		relaySeriesOf: (counter: CounterRow) => string = (counter) => counter.series
	): Promise<CounterMove[]> {
		const db = this.db();
		if (await readSyncMeta<boolean>(db, COUNTERS_MOVED_KEY)) return [];
		const moves: CounterMove[] = [];
		for (const counter of await localCounters(db)) {
			if (counter.lastNumber === 0) continue;
			const seriesId = relaySeriesOf(counter);
			const outcome = await sequencer.seedSeries({
				seriesId,
				lastNumber: counter.lastNumber,
				lastIssueDate: counter.lastIssueDate
			});
			moves.push({ seriesId, outcome });
		}
		await writeSyncMeta(db, COUNTERS_MOVED_KEY, true);
		return moves;
	}

	#required(): NumberSequencer {
		if (!this.#sequencer) throw new Error('numbering: no relay sequencer while sync is off');
		return this.#sequencer;
	}
}
