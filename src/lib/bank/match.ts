import type { Cents } from '$lib/money';
import { compactStructuredReference, isValidStructuredReference } from '$lib/payment';
import type { BankMovement } from './bank-statement';

/** An issued invoice as matching needs it; the balance already counts payments and credit notes. */
export interface MatchableInvoice {
	id: string;
	number: string;
	/** The OGM as 12 digits, "" when the invoice has none. */
	paymentReference: string;
	customerName: string;
	/** Accounts this customer paid from before (compact IBANs). */
	accounts: readonly string[];
	/** Still to be paid (settleInvoice), 0 when paid or credited in full. */
	balanceCents: Cents;
}

export interface Proposal {
	invoiceId: string;
	/** Why it is proposed, strongest first, for the user to judge. */
	reasons: ProposalReason[];
}
export type ProposalReason = 'number' | 'account' | 'amount' | 'name';

/**
 * paid / partlyPaid / overpaid: the OGM named the invoice, recorded without asking (overpaid is
 * flagged: more came in than was due). toConfirm: proposals the user picks from. unmatched: money
 * in that names nothing; outgoing, reversal, currency: never matched. imported: an earlier import
 * already recorded this movement, so importing the same statement again changes nothing.
 */
export type MovementMatch =
	| { kind: 'paid' | 'partlyPaid' | 'overpaid'; movement: BankMovement; invoiceId: string }
	| { kind: 'toConfirm'; movement: BankMovement; proposals: Proposal[] }
	| {
			kind: 'unmatched' | 'outgoing' | 'reversal' | 'currency' | 'imported';
			movement: BankMovement;
	  };

const MAX_PROPOSALS = 3;
const WEIGHT: Record<ProposalReason, number> = { number: 4, account: 3, amount: 2, name: 2 };
/** A name alone is too weak to propose; an amount alone only when one open invoice has it. */
const MIN_SCORE = 3;

function normalizeName(name: string): string {
	return name
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/\b(bv|bvba|nv|sa|srl|sprl|vzw|asbl|commv|cv)\b/g, '')
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
}

function normalizeToken(token: string): string {
	return token.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

/** An OGM typed into the free text ("+++123/4567/89002+++", "123/4567/89002", 12 digits). */
function referenceInText(text: string): string {
	for (const candidate of text.match(/[+*]{0,3}\d{3}\/?\d{4}\/?\d{5}[+*]{0,3}/g) ?? []) {
		const digits = compactStructuredReference(candidate);
		if (/^\d{12}$/.test(digits) && isValidStructuredReference(digits)) return digits;
	}
	return '';
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
	const list = map.get(key);
	if (list) list.push(value);
	else map.set(key, [value]);
}

/** Indexes built once per import, so matching 10,000 movements against 100,000 invoices stays linear. */
class InvoiceIndex {
	readonly byReference = new Map<string, MatchableInvoice>();
	readonly byNumber = new Map<string, MatchableInvoice>();
	readonly byAmount = new Map<Cents, MatchableInvoice[]>();
	readonly byAccount = new Map<string, MatchableInvoice[]>();
	readonly byName = new Map<string, MatchableInvoice[]>();

	constructor(invoices: readonly MatchableInvoice[]) {
		for (const invoice of invoices) {
			if (invoice.paymentReference) this.byReference.set(invoice.paymentReference, invoice);
			if (invoice.balanceCents <= 0) continue;
			if (invoice.number) this.byNumber.set(normalizeToken(invoice.number), invoice);
			push(this.byAmount, invoice.balanceCents, invoice);
			for (const account of invoice.accounts) push(this.byAccount, account, invoice);
			const name = normalizeName(invoice.customerName);
			if (name) push(this.byName, name, invoice);
		}
	}
}

function proposalsFor(
	movement: BankMovement,
	index: InvoiceIndex,
	balances: Map<string, Cents>
): Proposal[] {
	const reasons = new Map<MatchableInvoice, Set<ProposalReason>>();
	const add = (invoice: MatchableInvoice | undefined, reason: ProposalReason) => {
		if (!invoice || (balances.get(invoice.id) ?? invoice.balanceCents) <= 0) return;
		const set = reasons.get(invoice) ?? new Set<ProposalReason>();
		set.add(reason);
		reasons.set(invoice, set);
	};
	for (const token of movement.communication.split(/\s+/))
		add(index.byNumber.get(normalizeToken(token)), 'number');
	for (const invoice of index.byAccount.get(movement.counterpartyAccount) ?? [])
		add(invoice, 'account');
	for (const invoice of index.byName.get(normalizeName(movement.counterpartyName)) ?? [])
		add(invoice, 'name');
	// Amount only strengthens an invoice already named some other way, except when it is the one
	// open invoice with exactly that amount.
	const sameAmount = index.byAmount.get(movement.amountCents) ?? [];
	for (const invoice of sameAmount)
		if (reasons.has(invoice) || sameAmount.length === 1) add(invoice, 'amount');

	const order: ProposalReason[] = ['number', 'account', 'amount', 'name'];
	return [...reasons]
		.map(([invoice, set]) => ({
			invoice,
			score: [...set].reduce((sum, reason) => sum + WEIGHT[reason], 0),
			reasons: order.filter((reason) => set.has(reason))
		}))
		.filter(({ score, reasons }) => score >= MIN_SCORE || reasons.includes('amount'))
		.sort((a, b) => b.score - a.score || a.invoice.number.localeCompare(b.invoice.number))
		.slice(0, MAX_PROPOSALS)
		.map(({ invoice, reasons }) => ({ invoiceId: invoice.id, reasons }));
}

/**
 * Matches the movements of one or more statements to invoices. Each movement gets exactly one
 * outcome; payments in the same import add up (two partial payments can pay an invoice).
 */
export function matchMovements(
	movements: readonly BankMovement[],
	invoices: readonly MatchableInvoice[],
	importedMovementIds: ReadonlySet<string>
): MovementMatch[] {
	const index = new InvoiceIndex(invoices);
	const balances = new Map<string, Cents>();
	const seen = new Set<string>();
	return movements.map((movement): MovementMatch => {
		if (importedMovementIds.has(movement.id) || seen.has(movement.id))
			return { kind: 'imported', movement };
		seen.add(movement.id);
		if (movement.reversal) return { kind: 'reversal', movement };
		if (movement.amountCents <= 0) return { kind: 'outgoing', movement };
		if (movement.currency !== 'EUR') return { kind: 'currency', movement };

		const reference = movement.structuredReference || referenceInText(movement.communication);
		const invoice = reference ? index.byReference.get(reference) : undefined;
		if (invoice) {
			const balance = balances.get(invoice.id) ?? invoice.balanceCents;
			balances.set(invoice.id, Math.max(balance - movement.amountCents, 0));
			const kind =
				movement.amountCents === balance
					? 'paid'
					: movement.amountCents < balance
						? 'partlyPaid'
						: 'overpaid';
			return { kind, movement, invoiceId: invoice.id };
		}
		const proposals = proposalsFor(movement, index, balances);
		return proposals.length > 0
			? { kind: 'toConfirm', movement, proposals }
			: { kind: 'unmatched', movement };
	});
}
