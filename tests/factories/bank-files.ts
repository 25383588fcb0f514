import type { Cents } from '$lib/money';

/**
 * Writers of bank files for tests and the bench: the inverse of src/lib/bank's parsers, laid out
 * from the same specifications (CODA 2.6 Annexe I; ISO 20022 camt.053.001.02 as Belgian banks
 * fill it in). Inputs are plain, so fixtures read like the statements they stand for.
 */
export interface MovementSpec {
	/** ISO date YYYY-MM-DD. */
	date: string;
	amountCents: Cents;
	/** 12 digits; a structured communication when given. */
	ogm?: string;
	communication?: string;
	counterpartyName?: string;
	counterpartyIban?: string;
	reversal?: boolean;
	/** camt only: the original foreign amount behind the booked one. */
	instructed?: { amountCents: Cents; currency: string };
	/** camt only: the entry reference; the index is used when absent. */
	reference?: string;
}

export interface StatementSpec {
	iban: string;
	currency?: string;
	/** 3 digits (CODA) or any id (camt). */
	sequence: string;
	openingBalanceCents: Cents;
	/** ISO date of the new balance. */
	date: string;
	movements: MovementSpec[];
}

const pad = (text: string, width: number) => text.slice(0, width).padEnd(width, ' ');
const digits = (value: number, width: number) => String(value).padStart(width, '0');
const ddmmyy = (iso: string) => `${iso.slice(8, 10)}${iso.slice(5, 7)}${iso.slice(2, 4)}`;
const signed = (cents: Cents) => `${cents < 0 ? '1' : '0'}${digits(Math.abs(cents) * 10, 15)}`;

function record(...parts: string[]): string {
	const line = parts.join('');
	if (line.length !== 128) throw new Error(`CODA writer: record of ${line.length} characters`);
	return line;
}

export function closingBalance(statement: StatementSpec): Cents {
	return statement.movements.reduce((sum, m) => sum + m.amountCents, statement.openingBalanceCents);
}

function codaStatement(statement: StatementSpec): string[] {
	const currency = statement.currency ?? 'EUR';
	// Account structure 2 (Belgian IBAN: 31 + 3 blank + currency) or 3 (foreign IBAN: 34 + currency).
	const belgian = statement.iban.startsWith('BE');
	const account = belgian
		? `${pad(statement.iban, 31)}   ${currency}`
		: `${pad(statement.iban, 34)}${currency}`;
	const lines = [
		record(
			'00000',
			ddmmyy(statement.date),
			'725',
			'05',
			' ',
			' '.repeat(7),
			pad('', 10),
			pad('JAN PEETERS', 26),
			pad('KREDBEBB', 11),
			'00123456749',
			' ',
			'00000',
			' '.repeat(16),
			' '.repeat(16),
			' '.repeat(7),
			'2'
		),
		record(
			belgian ? '12' : '13',
			statement.sequence.slice(-3).padStart(3, '0'),
			account,
			signed(statement.openingBalanceCents),
			ddmmyy(statement.date),
			pad('JAN PEETERS', 26),
			pad('Zichtrekening', 35),
			statement.sequence.slice(-3).padStart(3, '0')
		)
	];
	let records = 1;
	let debit = 0;
	let credit = 0;
	statement.movements.forEach((movement, index) => {
		const sequence = digits(index + 1, 4);
		const communication = movement.ogm
			? pad(`101${movement.ogm}`, 53)
			: pad(movement.communication ?? '', 53);
		lines.push(
			record(
				'21',
				sequence,
				'0000',
				pad(`EBK${digits(index + 1, 10)}`, 21),
				signed(movement.amountCents),
				ddmmyy(movement.date),
				movement.amountCents < 0 ? '10101000' : '00150000',
				movement.ogm ? '1' : '0',
				communication,
				ddmmyy(movement.date),
				statement.sequence.slice(-3).padStart(3, '0'),
				'0',
				'1',
				' ',
				'0'
			),
			record(
				'22',
				sequence,
				'0000',
				pad(movement.ogm ? '' : (movement.communication ?? '').slice(53), 53),
				pad('', 35),
				pad('GEBABEBB', 11),
				'   ',
				movement.reversal ? '4' : ' ',
				movement.reversal ? 'AC04' : '    ',
				'    ',
				'    ',
				'1',
				' ',
				'0'
			),
			record(
				'23',
				sequence,
				'0000',
				pad(movement.counterpartyIban ?? '', 34),
				'EUR',
				pad(movement.counterpartyName ?? '', 35),
				pad('', 43),
				'0',
				' ',
				'0'
			)
		);
		records += 3;
		if (movement.amountCents < 0) debit += -movement.amountCents;
		else credit += movement.amountCents;
	});
	lines.push(
		record(
			'8',
			statement.sequence.slice(-3).padStart(3, '0'),
			account,
			signed(closingBalance(statement)),
			ddmmyy(statement.date),
			' '.repeat(64),
			'0'
		),
		record(
			'9',
			' '.repeat(15),
			digits(records, 6),
			digits(debit * 10, 15),
			digits(credit * 10, 15),
			' '.repeat(75),
			'2'
		)
	);
	return lines;
}

/** A CODA file holding the statements in order, CRLF line ends as banks deliver them. */
export function writeCoda(statements: StatementSpec[]): string {
	return statements.flatMap(codaStatement).join('\r\n') + '\r\n';
}

const escapeXml = (text: string) =>
	text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const decimal = (cents: Cents) =>
	`${Math.floor(Math.abs(cents) / 100)}.${digits(Math.abs(cents) % 100, 2)}`;

function camtEntry(movement: MovementSpec, index: number, currency: string): string {
	const party = movement.amountCents >= 0 ? 'Dbtr' : 'Cdtr';
	const account = movement.amountCents >= 0 ? 'DbtrAcct' : 'CdtrAcct';
	const remittance = movement.ogm
		? `<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry><Issr>BBA</Issr></Tp><Ref>${movement.ogm}</Ref></CdtrRefInf></Strd>`
		: `<Ustrd>${escapeXml(movement.communication ?? '')}</Ustrd>`;
	const instructed = movement.instructed
		? `<AmtDtls><InstdAmt><Amt Ccy="${movement.instructed.currency}">${decimal(movement.instructed.amountCents)}</Amt></InstdAmt></AmtDtls>`
		: '';
	return `
			<Ntry>
				<NtryRef>${escapeXml(movement.reference ?? String(index + 1))}</NtryRef>
				<Amt Ccy="${currency}">${decimal(movement.amountCents)}</Amt>
				<CdtDbtInd>${movement.amountCents >= 0 ? 'CRDT' : 'DBIT'}</CdtDbtInd>
				${movement.reversal ? '<RvslInd>true</RvslInd>' : ''}
				<Sts>BOOK</Sts>
				<BookgDt><Dt>${movement.date}</Dt></BookgDt>
				<ValDt><Dt>${movement.date}</Dt></ValDt>
				<AcctSvcrRef>EBK${digits(index + 1, 10)}</AcctSvcrRef>
				<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
				<NtryDtls><TxDtls>
					${instructed}
					<RltdPties><${party}><Nm>${escapeXml(movement.counterpartyName ?? '')}</Nm></${party}>${
						movement.counterpartyIban
							? `<${account}><Id><IBAN>${movement.counterpartyIban}</IBAN></Id></${account}>`
							: ''
					}</RltdPties>
					<RmtInf>${remittance}</RmtInf>
				</TxDtls></NtryDtls>
			</Ntry>`;
}

function camtStatement(statement: StatementSpec): string {
	const currency = statement.currency ?? 'EUR';
	const balance = (code: string, cents: Cents) => `
		<Bal>
			<Tp><CdOrPrtry><Cd>${code}</Cd></CdOrPrtry></Tp>
			<Amt Ccy="${currency}">${decimal(cents)}</Amt>
			<CdtDbtInd>${cents < 0 ? 'DBIT' : 'CRDT'}</CdtDbtInd>
			<Dt><Dt>${statement.date}</Dt></Dt>
		</Bal>`;
	return `
	<Stmt>
		<Id>${escapeXml(statement.sequence)}</Id>
		<ElctrncSeqNb>${statement.sequence.replace(/\D/g, '') || '1'}</ElctrncSeqNb>
		<CreDtTm>${statement.date}T18:00:00</CreDtTm>
		<Acct><Id><IBAN>${statement.iban}</IBAN></Id><Ccy>${currency}</Ccy></Acct>${balance('OPBD', statement.openingBalanceCents)}${balance('CLBD', closingBalance(statement))}
		<TxsSummry><TtlNtries><NbOfNtries>${statement.movements.length}</NbOfNtries></TtlNtries></TxsSummry>${statement.movements
			.map((movement, index) => camtEntry(movement, index, currency))
			.join('')}
	</Stmt>`;
}

/** A camt.053.001.02 document (BkToCstmrStmt) holding the statements in order. */
export function writeCamt053(statements: StatementSpec[], messageId = 'MSG-0001'): string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<BkToCstmrStmt>
	<GrpHdr><MsgId>${escapeXml(messageId)}</MsgId><CreDtTm>${statements[0]?.date ?? '2026-01-01'}T18:00:00</CreDtTm></GrpHdr>${statements
		.map(camtStatement)
		.join('')}
</BkToCstmrStmt>
</Document>
`;
}
