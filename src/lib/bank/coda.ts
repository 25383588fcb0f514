import type { Cents } from '$lib/money';
import type { IsoDate } from '$lib/invoice';
import { isValidStructuredReference } from '$lib/payment';
import {
	BankFileError,
	collapseSpaces,
	compactAccount,
	MAX_BANK_FILE_BYTES,
	type BankMovement,
	type BankStatement
} from './bank-statement';

/*
 * CODA 2.6 (Febelfin, "Gecodeerde berichtgeving / Coded statement of account"): fixed-width
 * records of 128 characters. Written from the specification (Annexe I, record layouts) because
 * no maintained JavaScript CODA library exists; positions below are the spec's, 1-based.
 *   0 header · 1 old balance · 2.1/2.2/2.3 movement · 3.1/3.2/3.3 information ·
 *   4 free communication · 8 new balance · 9 trailer (record count and debit/credit totals).
 * A movement is a 2.1 record with detail number 0000 plus its 2.2/2.3 continuations; the details
 * of a globalised movement (detail number > 0000) repeat its parts and are not movements.
 */

const RECORD_LENGTH = 128;

/** Text of positions `from`..`to` (1-based, inclusive), as the specification numbers them. */
function field(line: string, from: number, to: number): string {
	return line.slice(from - 1, to);
}

class CodaReader {
	constructor(
		readonly line: string,
		readonly lineNumber: number
	) {}

	fail(rule: string, message: string): never {
		throw new BankFileError(`line ${this.lineNumber}`, rule, message);
	}

	digits(from: number, to: number, name: string): string {
		const text = field(this.line, from, to);
		if (!/^\d+$/.test(text))
			this.fail('coda/field', `${name} (positions ${from}-${to}) must be digits, got "${text}"`);
		return text;
	}

	/** 15 digits with 3 decimals and a sign digit before them (0 credit, 1 debit). */
	amount(signAt: number, name: string): Cents {
		const sign = field(this.line, signAt, signAt);
		if (sign !== '0' && sign !== '1')
			this.fail('coda/field', `${name} sign (position ${signAt}) must be 0 or 1, got "${sign}"`);
		const mills = this.digits(signAt + 1, signAt + 15, name);
		if (!mills.endsWith('0'))
			this.fail('coda/field', `${name} has a third decimal; amounts must be whole cents`);
		const cents = Number(mills.slice(0, -1));
		return sign === '1' ? -cents : cents;
	}

	/** DDMMYY; CODA files exist only since the 1990s, so 70–99 are read as 19xx. */
	date(from: number, name: string): IsoDate {
		const text = this.digits(from, from + 5, name);
		const [day, month, year] = [text.slice(0, 2), text.slice(2, 4), Number(text.slice(4, 6))];
		const iso = `${year >= 70 ? 1900 + year : 2000 + year}-${month}-${day}`;
		const parsed = new Date(`${iso}T00:00:00Z`);
		if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== iso)
			this.fail('coda/field', `${name} "${text}" is not a date (DDMMYY)`);
		return iso;
	}
}

/** The account number and currency of record 1 or 8, by the account structure code. */
function accountOf(reader: CodaReader, structure: string, from: number) {
	const zone = field(reader.line, from, from + 36);
	switch (structure) {
		case '0':
			return { account: zone.slice(0, 12).trim(), currency: zone.slice(13, 16).trim() };
		case '2':
			return { account: compactAccount(zone.slice(0, 31)), currency: zone.slice(34, 37).trim() };
		case '1':
		case '3':
			return { account: compactAccount(zone.slice(0, 34)), currency: zone.slice(34, 37).trim() };
		default:
			return reader.fail(
				'coda/field',
				`account structure (position 2) must be 0, 1, 2 or 3, got "${structure}"`
			);
	}
}

interface MovementDraft {
	line: number;
	sequence: string;
	bookingDate: IsoDate;
	amountCents: Cents;
	structured: boolean;
	communication: string;
	counterpartyName: string;
	counterpartyAccount: string;
	reversal: boolean;
}

interface StatementDraft {
	startLine: number;
	account: string;
	currency: string;
	codaSequence: string;
	openingBalanceCents: Cents;
	closingBalanceCents?: Cents;
	closingDate?: IsoDate;
	records: number;
	debitCents: Cents;
	creditCents: Cents;
	movements: MovementDraft[];
}

/** Which record may follow which: a wrong order means a damaged or hand-edited file. */
const FOLLOWS: Record<string, readonly string[]> = {
	'0': ['', '9'],
	'1': ['0'],
	'21': ['1', '21', '22', '23', '31', '32', '33', '4'],
	'22': ['21'],
	'23': ['21', '22'],
	'31': ['21', '22', '23', '31', '32', '33'],
	'32': ['31'],
	'33': ['32'],
	'4': ['1', '21', '22', '23', '31', '32', '33', '4', '8'],
	'8': ['1', '21', '22', '23', '31', '32', '33', '4'],
	'9': ['8', '4']
};

function recordType(line: string): string {
	return line[0] === '2' || line[0] === '3' ? line.slice(0, 2) : line.slice(0, 1);
}

function structuredReferenceOf(communication: string): string {
	// Structured communication type 101 (or 102, the same with a different origin): the OGM.
	const type = communication.slice(0, 3);
	const reference = communication.slice(3, 15);
	if ((type === '101' || type === '102') && isValidStructuredReference(reference)) return reference;
	return '';
}

function finishMovement(statementId: string, currency: string, draft: MovementDraft): BankMovement {
	const structuredReference = draft.structured ? structuredReferenceOf(draft.communication) : '';
	return {
		id: `${statementId}:${draft.sequence}`,
		statementId,
		bookingDate: draft.bookingDate,
		amountCents: draft.amountCents,
		currency,
		structuredReference,
		communication: draft.structured ? '' : collapseSpaces(draft.communication),
		counterpartyName: collapseSpaces(draft.counterpartyName),
		counterpartyAccount: compactAccount(draft.counterpartyAccount),
		reversal: draft.reversal
	};
}

function finishStatement(draft: StatementDraft, reader: CodaReader): BankStatement {
	const closing = draft.closingBalanceCents ?? 0;
	if (draft.openingBalanceCents + draft.creditCents + draft.debitCents !== closing)
		reader.fail(
			'coda/balance',
			`old balance plus the movements does not give the new balance of the statement that starts on line ${draft.startLine}`
		);
	const closingDate = draft.closingDate ?? '';
	const id = `coda:${draft.account}:${closingDate}:${draft.codaSequence}`;
	return {
		id,
		account: draft.account,
		currency: draft.currency,
		openingBalanceCents: draft.openingBalanceCents,
		closingBalanceCents: closing,
		closingDate,
		movements: draft.movements.map((movement) => finishMovement(id, draft.currency, movement))
	};
}

/**
 * Reads a CODA file (one or more statements, each 0 … 9). Any error refuses the whole file, so a
 * half-read statement is never imported.
 */
export function parseCoda(text: string): BankStatement[] {
	if (text.length > MAX_BANK_FILE_BYTES)
		throw new BankFileError('file', 'size', `is larger than ${MAX_BANK_FILE_BYTES} bytes`);
	const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
	while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
	if (lines.length === 0) throw new BankFileError('file', 'coda/empty', 'is empty');

	const statements: BankStatement[] = [];
	let statement: StatementDraft | undefined;
	let movement: MovementDraft | undefined;
	let previous = '';
	let reader = new CodaReader('', 0);

	for (const [index, line] of lines.entries()) {
		reader = new CodaReader(line, index + 1);
		if (line.length !== RECORD_LENGTH)
			reader.fail(
				'coda/length',
				`has ${line.length} characters; every CODA record has ${RECORD_LENGTH} (truncated file?)`
			);
		const type = recordType(line);
		const allowed = FOLLOWS[type];
		if (!allowed) return reader.fail('coda/field', `unknown record type "${type}"`);
		if (!allowed.includes(previous))
			reader.fail(
				'coda/order',
				`record ${type} cannot follow ${previous ? `record ${previous}` : 'the start of the file'}`
			);
		previous = type;

		switch (type) {
			case '0':
				if (field(line, 128, 128) !== '2')
					reader.fail('coda/version', 'only CODA version 2 (position 128) is supported');
				break;
			case '1': {
				const { account, currency } = accountOf(reader, field(line, 2, 2), 6);
				statement = {
					startLine: index + 1,
					account,
					currency,
					codaSequence: reader.digits(126, 128, 'CODA sequence number'),
					openingBalanceCents: reader.amount(43, 'old balance'),
					records: 1,
					debitCents: 0,
					creditCents: 0,
					movements: []
				};
				reader.date(59, 'old balance date');
				break;
			}
			case '21': {
				if (!statement) return reader.fail('coda/order', 'movement outside a statement');
				statement.records += 1;
				const detail = reader.digits(7, 10, 'detail number');
				const amountCents = reader.amount(32, 'amount');
				const communicationType = field(line, 62, 62);
				if (communicationType !== '0' && communicationType !== '1')
					reader.fail('coda/field', `communication type (position 62) must be 0 or 1`);
				const bookingDate = reader.date(116, 'entry date');
				if (detail !== '0000') {
					movement = undefined;
					break;
				}
				if (amountCents < 0) statement.debitCents += amountCents;
				else statement.creditCents += amountCents;
				movement = {
					line: index + 1,
					sequence: reader.digits(3, 6, 'continuous sequence number'),
					bookingDate,
					amountCents,
					structured: communicationType === '1',
					communication: field(line, 63, 115),
					counterpartyName: '',
					counterpartyAccount: '',
					reversal: false
				};
				statement.movements.push(movement);
				break;
			}
			case '22':
				if (statement) statement.records += 1;
				if (movement) {
					movement.communication += field(line, 11, 63);
					movement.reversal = /[1-5]/.test(field(line, 113, 113));
				}
				break;
			case '23':
				if (statement) statement.records += 1;
				if (movement) {
					movement.counterpartyAccount = field(line, 11, 44).trim();
					movement.counterpartyName = field(line, 48, 82);
					movement.communication += field(line, 83, 125);
				}
				break;
			case '31':
			case '32':
			case '33':
				if (statement) statement.records += 1;
				break;
			case '4':
				break;
			case '8': {
				if (!statement) return reader.fail('coda/order', 'new balance outside a statement');
				const { account } = accountOf(reader, '3', 5);
				if (!account.startsWith(statement.account))
					reader.fail(
						'coda/field',
						`new balance is for account ${account}, not ${statement.account}`
					);
				statement.closingBalanceCents = reader.amount(42, 'new balance');
				statement.closingDate = reader.date(58, 'new balance date');
				break;
			}
			case '9': {
				if (!statement) return reader.fail('coda/order', 'trailer outside a statement');
				const records = Number(reader.digits(17, 22, 'number of records'));
				const debit = Number(reader.digits(23, 37, 'debit total')) / 10;
				const credit = Number(reader.digits(38, 52, 'credit total')) / 10;
				if (records !== statement.records)
					reader.fail(
						'coda/checksum',
						`trailer counts ${records} records 1, 2 and 3, the statement has ${statement.records}`
					);
				if (debit !== -statement.debitCents || credit !== statement.creditCents)
					reader.fail(
						'coda/checksum',
						`trailer totals (debit ${debit}, credit ${credit} cents) differ from the movements (debit ${-statement.debitCents}, credit ${statement.creditCents} cents)`
					);
				statements.push(finishStatement(statement, reader));
				statement = undefined;
				movement = undefined;
				break;
			}
		}
	}
	if (previous !== '9')
		reader.fail('coda/end', 'the file ends without a trailer record 9 (truncated file?)');
	return statements;
}
