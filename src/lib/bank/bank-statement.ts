import type { Cents } from '$lib/money';
import type { IsoDate } from '$lib/invoice';

/** One booked line of a bank statement, as both CODA and camt.053 describe it. */
export interface BankMovement {
	/** Unique across imports: the statement's id plus the movement's own id within it. */
	id: string;
	statementId: string;
	bookingDate: IsoDate;
	/** Signed, in the statement's currency: positive is money received, negative money paid. */
	amountCents: Cents;
	currency: string;
	/** The Belgian structured reference (OGM) as its 12 digits, "" when the payer gave none. */
	structuredReference: string;
	/** Free communication, whitespace collapsed; "" when none. */
	communication: string;
	counterpartyName: string;
	/** Without spaces, upper case; "" when the bank did not say. */
	counterpartyAccount: string;
	/** A reversal (storno, return, reject) of an earlier movement: never matched to an invoice. */
	reversal: boolean;
}

export interface BankStatement {
	id: string;
	/** The account the statement is for, without spaces. */
	account: string;
	currency: string;
	openingBalanceCents: Cents;
	closingBalanceCents: Cents;
	closingDate: IsoDate;
	movements: BankMovement[];
}

/** A bank file that cannot be read; `where` names the line (CODA) or element (camt.053). */
export class BankFileError extends Error {
	constructor(
		readonly where: string,
		readonly rule: string,
		message: string
	) {
		super(`${where}: ${message}`);
		this.name = 'BankFileError';
	}
}

/** Files larger than this are refused before parsing: a year of daily statements is far smaller. */
export const MAX_BANK_FILE_BYTES = 20 * 1024 * 1024;

export function compactAccount(account: string): string {
	return account.replace(/\s/g, '').toUpperCase();
}

export function collapseSpaces(text: string): string {
	return text.replace(/\s+/g, ' ').trim();
}
