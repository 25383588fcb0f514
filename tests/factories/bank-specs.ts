import fc from 'fast-check';
import { BankFileError } from '$lib/bank';
import { createStructuredReference } from '$lib/payment';
import { arbitraryBelgianIban } from './arbitraries';

/** The BankFileError `parse` refuses `text` with; fails the test when it accepts the file. */
export function bankFileErrorOf(parse: (text: string) => unknown, text: string): BankFileError {
	try {
		parse(text);
	} catch (error) {
		if (error instanceof BankFileError) return error;
		throw error;
	}
	throw new Error('the file was accepted');
}

/**
 * A movement for a round trip through a bank file writer and its parser: any amount, a structured
 * reference or not, and the texts each format can carry (`communication`, `counterpartyName`).
 */
export function arbitraryBankMovement(texts: {
	dates: readonly string[];
	communication: fc.Arbitrary<string>;
	counterpartyName: fc.Arbitrary<string>;
}) {
	return fc.record({
		date: fc.constantFrom(...texts.dates),
		amountCents: fc.integer({ min: -99_999_999_999, max: 99_999_999_999 }),
		ogm: fc.option(
			fc.integer({ min: 1, max: 9_999_999_999 }).map((n) => createStructuredReference(n)),
			{ nil: undefined }
		),
		communication: texts.communication,
		counterpartyName: texts.counterpartyName,
		counterpartyIban: arbitraryBelgianIban,
		reversal: fc.boolean()
	});
}
