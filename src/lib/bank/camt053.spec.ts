import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import fixture from '../../../tests/fixtures/bank/two-statements.camt053.xml?raw';
import { writeCamt053, type StatementSpec } from '../../../tests/factories/bank-files';
import { arbitraryBankMovement, bankFileErrorOf } from '../../../tests/factories/bank-specs';
import { MAX_BANK_FILE_BYTES } from './bank-statement';
import { parseCamt053 } from './camt053';

const errorOf = (text: string) => bankFileErrorOf(parseCamt053, text);

describe('parseCamt053 on a real-shaped file', () => {
	const statements = parseCamt053(fixture);

	it('reads both statements with their balances', () => {
		expect(
			statements.map((s) => [
				s.id,
				s.openingBalanceCents,
				s.closingBalanceCents,
				s.movements.length
			])
		).toEqual([
			['camt:BE68539007547034:2026-01', 100_000, 287_701, 5],
			['camt:BE68539007547034:2026-02', 287_701, 474_415, 3]
		]);
	});

	it('reads the OGM from the structured creditor reference and the debtor as counterparty', () => {
		expect(statements[0]!.movements[0]).toEqual({
			id: 'camt:BE68539007547034:2026-01:E11',
			statementId: 'camt:BE68539007547034:2026-01',
			bookingDate: '2026-03-02',
			amountCents: 121_000,
			currency: 'EUR',
			structuredReference: '202600000192',
			communication: '',
			counterpartyName: 'Bakkerij Peeters BV',
			counterpartyAccount: 'BE71096123456769',
			reversal: false
		});
	});

	it('reads debits with the creditor as counterparty, reversals, and the booked euro amount of a foreign payment', () => {
		const [first, second] = statements;
		expect(first!.movements[2]).toMatchObject({
			amountCents: -4_599,
			counterpartyName: 'Proximus NV',
			communication: 'Proximus factuur februari 2026'
		});
		expect(first!.movements[4]).toMatchObject({ amountCents: -15_000, reversal: true });
		expect(second!.movements[2]).toMatchObject({
			amountCents: 92_014,
			currency: 'EUR',
			communication: 'Invoice 2026/0005'
		});
	});
});

describe('parseCamt053 refuses a bad file whole, naming the element or line', () => {
	it('a billion-laughs entity bomb, before any expansion', () => {
		const bomb = `<?xml version="1.0"?>
<!DOCTYPE Document [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<Document><BkToCstmrStmt><Stmt><Id>&lol3;</Id></Stmt></BkToCstmrStmt></Document>`;
		const error = errorOf(bomb);
		expect(error.rule).toBe('camt/doctype');
		expect(error.where).toBe('line 2');
	});

	it('an external entity (XXE)', () => {
		const xxe = `<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><Document>&x;</Document>`;
		expect(errorOf(xxe).rule).toBe('camt/doctype');
	});

	it('a file over the size cap', () => {
		expect(errorOf(' '.repeat(MAX_BANK_FILE_BYTES + 1)).rule).toBe('size');
	});

	it('a truncated file', () => {
		const error = errorOf(fixture.slice(0, fixture.length / 2));
		expect(error.rule).toBe('camt/xml');
		expect(error.where).toMatch(/^line \d+$/);
	});

	it('an entry count that does not match the entries', () => {
		const error = errorOf(fixture.replace('<NbOfNtries>5<', '<NbOfNtries>6<'));
		expect(error.message).toBe(
			'element Document/BkToCstmrStmt/Stmt[1]/TxsSummry/TtlNtries/NbOfNtries: declares 6 entries, the statement has 5'
		);
	});

	it('balances that do not agree with the entries', () => {
		const error = errorOf(fixture.replace('<Amt Ccy="EUR">1210.00<', '<Amt Ccy="EUR">1210.01<'));
		expect(error.rule).toBe('camt/balance');
		expect(error.where).toBe('element Document/BkToCstmrStmt/Stmt[1]/Bal');
	});

	it('an amount with three decimals, naming the entry', () => {
		const error = errorOf(fixture.replace('<Amt Ccy="EUR">45.99<', '<Amt Ccy="EUR">45.999<'));
		expect(error.message).toBe(
			'element Document/BkToCstmrStmt/Stmt[1]/Ntry[3]/Amt: "45.999" is not an amount with at most 2 decimals'
		);
	});

	it('an XML file that is not a bank statement', () => {
		expect(errorOf('<Invoice><ID>1</ID></Invoice>').where).toBe('element Document');
	});
});

describe('parseCamt053 ∘ writeCamt053', () => {
	it('gives back every amount, reference, communication and counterparty', () => {
		const movement = arbitraryBankMovement({
			dates: ['2026-01-31', '2026-02-28'],
			communication: fc.string({ maxLength: 140 }),
			counterpartyName: fc.stringMatching(/^[A-Za-z&<> ]{0,70}$/)
		});
		fc.assert(
			fc.property(
				fc.integer({ min: -1_000_000, max: 1_000_000 }),
				fc.array(movement, { maxLength: 8 }),
				(openingBalanceCents, movements) => {
					const spec: StatementSpec = {
						iban: 'BE68539007547034',
						sequence: 'S-1',
						openingBalanceCents,
						date: '2026-06-30',
						movements
					};
					const [statement] = parseCamt053(writeCamt053([spec]));
					expect(
						statement!.movements.map((m) => [
							m.amountCents,
							m.structuredReference,
							m.communication,
							m.counterpartyName,
							m.counterpartyAccount,
							m.reversal
						])
					).toEqual(
						movements.map((m) => [
							m.amountCents,
							m.ogm ?? '',
							m.ogm ? '' : m.communication.replace(/\s+/g, ' ').trim(),
							m.counterpartyName.replace(/\s+/g, ' ').trim(),
							m.counterpartyIban,
							m.reversal
						])
					);
				}
			),
			{ numRuns: 200 }
		);
	});
});
