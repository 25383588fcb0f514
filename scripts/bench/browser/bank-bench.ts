import { matchMovements, parseCamt053, type MatchableInvoice } from '$lib/bank';
import { createStructuredReference } from '$lib/payment';
import { writeCamt053, type MovementSpec } from '../../../tests/factories/bank-files';

let prepared: { xml: string; invoices: MatchableInvoice[] } | undefined;

/**
 * A year of a busy sole trader's bank movements against a large archive: most pay by OGM, some
 * name the invoice number in free text, the rest are outgoing or name nothing.
 */
function prepare(movementCount: number, invoiceCount: number): number {
	const invoices: MatchableInvoice[] = Array.from({ length: invoiceCount }, (_, i) => ({
		id: `inv-${i}`,
		number: `2026/${String(i).padStart(6, '0')}`,
		paymentReference: createStructuredReference(i + 1),
		customerName: `Klant ${i % 1000}`,
		accounts: [],
		balanceCents: 10_000 + (i % 5000) * 7
	}));
	const movements: MovementSpec[] = Array.from({ length: movementCount }, (_, i) => {
		const invoice = invoices[(i * 7919) % invoiceCount]!;
		const base = { date: '2026-06-30', counterpartyName: invoice.customerName };
		switch (i % 10) {
			case 0:
				return { ...base, amountCents: -2_500, communication: 'Huur' };
			case 1:
				return { ...base, amountCents: 4_200, communication: 'Terugbetaling' };
			case 2:
			case 3:
				return {
					...base,
					amountCents: invoice.balanceCents,
					communication: `Factuur ${invoice.number}`
				};
			default:
				return { ...base, amountCents: invoice.balanceCents, ogm: invoice.paymentReference };
		}
	});
	const xml = writeCamt053([
		{
			iban: 'BE68539007547034',
			sequence: '2026-1',
			openingBalanceCents: 0,
			date: '2026-06-30',
			movements
		}
	]);
	prepared = { xml, invoices };
	return xml.length;
}

/** Parse the statement and match every movement, as the import page does before it writes. */
function run(): { ms: number; matched: number } {
	if (!prepared) throw new Error('bank bench: prepare first');
	const started = performance.now();
	const statements = parseCamt053(prepared.xml);
	const matches = matchMovements(
		statements.flatMap((statement) => statement.movements),
		prepared.invoices,
		new Set()
	);
	const ms = performance.now() - started;
	return { ms, matched: matches.filter((match) => match.kind !== 'unmatched').length };
}

export const bankBench = { prepare, run };
