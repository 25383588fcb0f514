import type Dexie from 'dexie';
import { restartsYearly, type NumberPattern } from '$lib/numbering';

/**
 * Where issued invoices get their numbers. Without one, the local counter in IndexedDB numbers
 * them inside the issuing transaction. With sync on, the sync runtime installs the relay's
 * sequencer here: it answers before the transaction (it is a network call), and offline it queues
 * the invoice ("queued – number on reconnect").
 */
export type ReservedNumber =
	{ kind: 'issued'; sequence: number; issueDate: string } | { kind: 'queued'; position: number };

export interface NumberSource {
	reserve(request: {
		invoiceId: string;
		seriesId: string;
		issueDate: string;
	}): Promise<ReservedNumber>;
}

const sources = new WeakMap<Dexie, NumberSource>();

export function setNumberSource(db: Dexie, source: NumberSource | undefined): void {
	if (source) sources.set(db, source);
	else sources.delete(db);
}

export function numberSourceOf(db: Dexie): NumberSource | undefined {
	return sources.get(db);
}

/**
 * The relay keeps one plain counter per series id. A pattern that restarts every year ({YYYY})
 * therefore numbers each year in its own relay series: "invoice-2026", "invoice-2027".
 */
export function relaySeriesId(series: string, pattern: NumberPattern, issueDate: string): string {
	return restartsYearly(pattern) ? `${series}-${issueDate.slice(0, 4)}` : series;
}

/** Thrown by issueInvoice when the invoice went into the offline queue instead of getting a number. */
export class NumberingQueued extends Error {
	constructor(
		readonly invoiceId: string,
		readonly position: number
	) {
		super('Queued – number on reconnect');
		this.name = 'NumberingQueued';
	}
}
