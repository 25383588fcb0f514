import { BankFileError, type BankStatement } from './bank-statement';
import { parseCamt053 } from './camt053';
import { parseCoda } from './coda';

export type BankFileFormat = 'coda' | 'camt053';

/** Tells the two formats apart by their first character: XML starts with "<", CODA with "0". */
export function detectBankFileFormat(text: string): BankFileFormat {
	const start = text.replace(/^\uFEFF/, '').trimStart();
	if (start.startsWith('<')) return 'camt053';
	if (start.startsWith('0')) return 'coda';
	throw new BankFileError('file', 'format', 'is neither a CODA file nor a camt.053 XML statement');
}

export function parseBankFile(text: string): {
	format: BankFileFormat;
	statements: BankStatement[];
} {
	const format = detectBankFileFormat(text);
	return { format, statements: format === 'coda' ? parseCoda(text) : parseCamt053(text) };
}
