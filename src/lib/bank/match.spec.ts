import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import fixture from '../../../tests/fixtures/bank/two-statements.camt053.xml?raw';
import { createStructuredReference } from '$lib/payment';
import type { BankMovement } from './bank-statement';
import { importedMovementIds, paymentFromMovement } from './bank-payment';
import { parseCamt053 } from './camt053';
import { matchMovements, type MatchableInvoice, type MovementMatch } from './match';

const ogm = (n: number) => createStructuredReference(`2026${String(n).padStart(6, '0')}`);
const invoice = (n: number, balanceCents: number, customerName: string): MatchableInvoice => ({
	id: `inv-${n}`,
	number: `2026/${String(n).padStart(4, '0')}`,
	paymentReference: ogm(n),
	customerName,
	accounts: [],
	balanceCents
});
const invoices = [
	invoice(1, 121_000, 'Bakkerij Peeters BV'),
	invoice(2, 60_500, 'Marie Dubois'),
	invoice(3, 84_700, 'Studio Wouters'),
	invoice(4, 36_300, 'Atelier Lenaerts'),
	invoice(5, 100_000, 'Acme Inc.')
];
const movements = parseCamt053(fixture).flatMap((statement) => statement.movements);
const summary = (matches: MovementMatch[]) =>
	matches.map((match) =>
		'invoiceId' in match
			? [match.kind, match.invoiceId]
			: match.kind === 'toConfirm'
				? [match.kind, match.proposals.map((p) => `${p.invoiceId}:${p.reasons.join('+')}`)]
				: [match.kind]
	);

function movement(overrides: Partial<BankMovement>): BankMovement {
	return {
		id: 'm',
		statementId: 's',
		bookingDate: '2026-03-02',
		amountCents: 100,
		currency: 'EUR',
		structuredReference: '',
		communication: '',
		counterpartyName: '',
		counterpartyAccount: '',
		reversal: false,
		...overrides
	};
}

describe('matchMovements', () => {
	it('matches by OGM automatically and proposes by invoice number, amount and name', () => {
		expect(summary(matchMovements(movements, invoices, new Set()))).toEqual([
			['paid', 'inv-1'],
			['partlyPaid', 'inv-2'],
			['outgoing'],
			['toConfirm', ['inv-4:number+amount+name']],
			['reversal'],
			['paid', 'inv-3'],
			['unmatched'],
			['toConfirm', ['inv-5:number+name']]
		]);
	});

	it('changes nothing when the same statement is imported again', () => {
		const first = matchMovements(movements, invoices, new Set());
		const recorded = first.flatMap((m) =>
			'invoiceId' in m ? [paymentFromMovement(m.movement)] : []
		);
		const again = matchMovements(movements, invoices, importedMovementIds(recorded));
		expect(again.filter((m) => 'invoiceId' in m)).toEqual([]);
		expect(again.filter((m) => m.kind === 'imported')).toHaveLength(3);
	});

	it('flags a payment larger than what is due, and one on an invoice a credit note settled', () => {
		const more = movement({ id: 'a', amountCents: 121_001, structuredReference: ogm(1) });
		const credited = { ...invoice(6, 0, 'X'), id: 'credited' };
		const late = movement({ id: 'b', amountCents: 500, structuredReference: ogm(6) });
		expect(summary(matchMovements([more, late], [...invoices, credited], new Set()))).toEqual([
			['overpaid', 'inv-1'],
			['overpaid', 'credited']
		]);
	});

	it('adds up partial payments in one import, and reads an OGM typed as free text', () => {
		const part = (id: string, amountCents: number, communication = '') =>
			movement({
				id,
				amountCents,
				communication,
				structuredReference: communication ? '' : ogm(2)
			});
		expect(
			summary(
				matchMovements(
					[
						part('a', 30_000),
						part(
							'b',
							30_500,
							`betaling +++${ogm(2).slice(0, 3)}/${ogm(2).slice(3, 7)}/${ogm(2).slice(7)}+++`
						)
					],
					invoices,
					new Set()
				)
			)
		).toEqual([
			['partlyPaid', 'inv-2'],
			['paid', 'inv-2']
		]);
	});

	it('proposes by an account the customer paid from before, and not by a name alone', () => {
		const known = { ...invoice(7, 999, 'Garage Maes'), accounts: ['BE71096123456769'] };
		const fromAccount = movement({ id: 'a', counterpartyAccount: 'BE71096123456769' });
		const byName = movement({ id: 'b', counterpartyName: 'GARAGE MAES BV' });
		expect(summary(matchMovements([fromAccount, byName], [known], new Set()))).toEqual([
			['toConfirm', ['inv-7:account']],
			['unmatched']
		]);
	});

	it('never matches foreign-currency money to a euro invoice', () => {
		const usd = movement({ currency: 'USD', amountCents: 121_000, structuredReference: ogm(1) });
		expect(summary(matchMovements([usd], invoices, new Set()))).toEqual([['currency']]);
	});

	it('gives every movement exactly one outcome and records each at most once', () => {
		const arbitraryMovement = fc.record({
			id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
			amountCents: fc.integer({ min: -50_000, max: 150_000 }),
			structuredReference: fc.constantFrom('', ogm(1), ogm(2), ogm(3), ogm(9)),
			communication: fc.constantFrom('', '2026/0004', 'hello', '2026/0005 thanks'),
			reversal: fc.boolean()
		});
		fc.assert(
			fc.property(fc.array(arbitraryMovement, { maxLength: 12 }), (drafts) => {
				const list = drafts.map((draft) => movement(draft));
				const matches = matchMovements(list, invoices, new Set());
				expect(matches.map((m) => m.movement)).toEqual(list);
				const recorded = matches.filter((m) => 'invoiceId' in m).map((m) => m.movement.id);
				expect(new Set(recorded).size).toBe(recorded.length);
				const again = matchMovements(list, invoices, new Set(recorded));
				expect(again.filter((m) => 'invoiceId' in m)).toEqual([]);
			})
		);
	});
});
