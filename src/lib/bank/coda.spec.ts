import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import fixture from '../../../tests/fixtures/bank/three-statements.coda?raw';
import { writeCoda, type StatementSpec } from '../../../tests/factories/bank-files';
import { arbitraryBelgianIban } from '../../../tests/factories';
import { arbitraryBankMovement, bankFileErrorOf } from '../../../tests/factories/bank-specs';
import { parseCoda } from './coda';

const lines = () => fixture.split('\r\n');

const errorOf = (text: string) => bankFileErrorOf(parseCoda, text);

describe('parseCoda on a real-shaped file', () => {
	const statements = parseCoda(fixture);

	it('reads every statement of the file with its account, currency and balances', () => {
		expect(
			statements.map(
				({ account, currency, openingBalanceCents, closingBalanceCents, closingDate }) => ({
					account,
					currency,
					openingBalanceCents,
					closingBalanceCents,
					closingDate
				})
			)
		).toEqual([
			{
				account: 'BE68539007547034',
				currency: 'EUR',
				openingBalanceCents: 100_000,
				closingBalanceCents: 287_701,
				closingDate: '2026-03-02'
			},
			{
				account: 'BE68539007547034',
				currency: 'EUR',
				openingBalanceCents: 287_701,
				closingBalanceCents: 382_401,
				closingDate: '2026-03-03'
			},
			{
				account: 'BE21001234567803',
				currency: 'USD',
				openingBalanceCents: 0,
				closingBalanceCents: 250_000,
				closingDate: '2026-03-03'
			}
		]);
	});

	it('reads a structured communication as the OGM and the counterparty from record 2.3', () => {
		expect(statements[0]!.movements[0]).toEqual({
			id: 'coda:BE68539007547034:2026-03-02:001:0001',
			statementId: 'coda:BE68539007547034:2026-03-02:001',
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

	it('reads free communications across records 2.1 and 2.2, debits, reversals and foreign currency', () => {
		const [first, second, usd] = statements;
		expect(first!.movements.map((m) => [m.amountCents, m.communication, m.reversal])).toEqual([
			[121_000, '', false],
			[50_000, '', false],
			[-4_599, 'Proximus factuur februari 2026', false],
			[36_300, 'Factuur 2026/0004 dank u wel', false],
			[-15_000, 'Terugboeking SEPA-overschrijving', true]
		]);
		expect(second!.movements[1]!.communication).toBe(
			'Voorschot project tuinaanleg - een heel lange mededeling die over twee records loopt'
		);
		expect(usd!.movements[0]).toMatchObject({ amountCents: 250_000, currency: 'USD' });
	});

	it('gives every movement an id of its own', () => {
		const ids = statements.flatMap((s) => s.movements.map((m) => m.id));
		expect(new Set(ids).size).toBe(ids.length);
	});
});

describe('parseCoda refuses a damaged file whole, naming the line', () => {
	it('a truncated line', () => {
		const broken = lines();
		broken[3] = broken[3]!.slice(0, 100);
		const error = errorOf(broken.join('\r\n'));
		expect(error.where).toBe('line 4');
		expect(error.rule).toBe('coda/length');
	});

	it('a file cut off before its trailer', () => {
		const error = errorOf(lines().slice(0, 10).join('\r\n'));
		expect(error.rule).toBe('coda/end');
		expect(error.message).toMatch(/^line 10: .*trailer record 9/);
	});

	it('records in the wrong order', () => {
		const broken = lines();
		[broken[2], broken[3]] = [broken[3]!, broken[2]!];
		const error = errorOf(broken.join('\r\n'));
		expect(error.message).toBe('line 3: record 22 cannot follow record 1');
	});

	it('a trailer whose totals do not add up', () => {
		const broken = lines();
		const trailer = broken.findIndex((line) => line.startsWith('9'));
		broken[trailer] = broken[trailer]!.slice(0, 40) + '9' + broken[trailer]!.slice(41);
		const error = errorOf(broken.join('\r\n'));
		expect(error.where).toBe(`line ${trailer + 1}`);
		expect(error.rule).toBe('coda/checksum');
	});

	it('an amount changed by hand (balances no longer agree)', () => {
		const broken = lines();
		broken[1] = broken[1]!.slice(0, 50) + '7' + broken[1]!.slice(51);
		expect(errorOf(broken.join('\r\n')).rule).toBe('coda/balance');
	});

	it('a date that does not exist', () => {
		const broken = lines();
		broken[2] = broken[2]!.slice(0, 115) + '310226' + broken[2]!.slice(121);
		expect(errorOf(broken.join('\r\n')).message).toMatch(/^line 3: entry date "310226"/);
	});
});

const arbitraryMovement = arbitraryBankMovement({
	dates: ['2026-01-31', '2026-02-28', '2027-12-01'],
	communication: fc.stringMatching(/^[A-Za-z0-9/ ]{0,100}$/),
	counterpartyName: fc.stringMatching(/^[A-Za-z]{1,35}$/)
});

describe('parseCoda ∘ writeCoda', () => {
	it('gives back every amount, reference, communication and counterparty', () => {
		fc.assert(
			fc.property(
				arbitraryBelgianIban,
				fc.integer({ min: -1_000_000, max: 1_000_000 }),
				fc.array(arbitraryMovement, { maxLength: 8 }),
				(iban, openingBalanceCents, movements) => {
					const spec: StatementSpec = {
						iban,
						sequence: '007',
						openingBalanceCents,
						date: '2026-06-30',
						movements
					};
					const [statement] = parseCoda(writeCoda([spec]));
					expect(statement!.movements).toEqual(
						movements.map((m, index) => ({
							id: `coda:${iban}:2026-06-30:007:${String(index + 1).padStart(4, '0')}`,
							statementId: `coda:${iban}:2026-06-30:007`,
							bookingDate: m.date,
							amountCents: m.amountCents,
							currency: 'EUR',
							structuredReference: m.ogm ?? '',
							communication: m.ogm ? '' : m.communication.replace(/\s+/g, ' ').trim(),
							counterpartyName: m.counterpartyName,
							counterpartyAccount: m.counterpartyIban,
							reversal: m.reversal
						}))
					);
				}
			),
			{ numRuns: 200 }
		);
	});
});
