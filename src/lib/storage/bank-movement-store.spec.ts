import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { BankMovement } from '$lib/bank';
import { openDb, type BillfoldDb } from './db';
import { keepBankMovements, keptBankMovements } from './bank-movement-store';

let db: BillfoldDb;
let counter = 0;

afterEach(async () => {
	db.close();
	await db.delete();
});

const movement = (id: string, bookingDate: string, communication = ''): BankMovement => ({
	id: `stmt-1/${id}`,
	statementId: 'stmt-1',
	bookingDate,
	amountCents: 12_100,
	currency: 'EUR',
	structuredReference: '',
	communication,
	counterpartyName: 'Jan',
	counterpartyAccount: 'BE71096123456769',
	reversal: false
});

describe('kept bank movements', () => {
	it('keeps matched and unmatched movements across a reopen, oldest first', async () => {
		const name = `bank-movements-${counter++}`;
		const first = openDb(name);
		expect(
			await keepBankMovements(
				first,
				[movement('2', '2026-03-02'), movement('1', '2026-03-01')],
				'2026-03-03T10:00:00Z'
			)
		).toBe(2);
		first.close();
		db = openDb(name);
		expect((await keptBankMovements(db)).map((row) => row.id)).toEqual(['stmt-1/1', 'stmt-1/2']);
	});

	it('adds nothing when the same statement is imported again, and keeps the first copy', async () => {
		db = openDb(`bank-movements-${counter++}`);
		await keepBankMovements(db, [movement('1', '2026-03-01', 'first')], '2026-03-03T10:00:00Z');
		expect(
			await keepBankMovements(
				db,
				[movement('1', '2026-03-01', 'changed'), movement('1', '2026-03-01', 'twice')],
				'2026-03-04T10:00:00Z'
			)
		).toBe(0);
		const rows = await keptBankMovements(db);
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ communication: 'first', importedAt: '2026-03-03T10:00:00Z' });
	});
});
