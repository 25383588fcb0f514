import type { BankMovement } from '$lib/bank';
import type { BillfoldDb } from './db';

/** A statement line as kept on this device: bank data never leaves it, so it is not synced. */
export interface BankMovementRow extends BankMovement {
	importedAt: string;
}

/**
 * Keeps every movement of an imported statement, matched or not, so the unmatched ones stay
 * listed after a reload and can be matched later. Keyed by statement + movement id: importing the
 * same statement again adds nothing and keeps the first import's rows as they were.
 */
export async function keepBankMovements(
	db: BillfoldDb,
	movements: readonly BankMovement[],
	importedAt: string
): Promise<number> {
	return db.transaction('rw', db.bankMovements, async () => {
		const ids = movements.map((movement) => movement.id);
		const existing = await db.bankMovements.bulkGet(ids);
		const added = new Map<string, BankMovementRow>();
		movements.forEach((movement, index) => {
			if (existing[index] === undefined && !added.has(movement.id))
				added.set(movement.id, { ...movement, importedAt });
		});
		await db.bankMovements.bulkAdd([...added.values()]);
		return added.size;
	});
}

/** Every kept movement, oldest booking first. */
export async function keptBankMovements(db: BillfoldDb): Promise<BankMovementRow[]> {
	return db.bankMovements.orderBy('bookingDate').toArray();
}
