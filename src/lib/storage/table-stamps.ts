import type { DBCore, Middleware } from 'dexie';
import { uuidv7 } from 'uuidv7';
import type { BillfoldDb } from './db';

/**
 * Every write to a stamped table (a pull storing a document, the rules' findings, a status set
 * here or applied by sync, a deletion, a clear) puts a fresh random stamp for that table in
 * `tableStamps`, in the same IndexedDB transaction as the write. A cache built from a read that
 * also read the stamps is true exactly while the stamps are unchanged: no clock is compared,
 * so a device whose clock runs behind cannot hide its write. Done below Dexie's table API, like
 * change capture, so no writer can forget it.
 */
export const stampedTables = ['purchases', 'purchaseStates'] as const;
export type StampedTable = (typeof stampedTables)[number];

export interface TableStampRow {
	table: string;
	stamp: string;
}

const STAMPS = 'tableStamps';
const stamped = new Set<string>(stampedTables);

export const tableStampsMiddleware: Middleware<DBCore> = {
	stack: 'dbcore',
	name: 'billfold-table-stamps',
	level: -5,
	create(down) {
		return {
			...down,
			transaction(stores, mode, options) {
				const widened =
					mode === 'readwrite' && stores.some((name) => stamped.has(name))
						? [...new Set([...stores, STAMPS])]
						: stores;
				return down.transaction(widened, mode, options);
			},
			table(name) {
				const table = down.table(name);
				if (!stamped.has(name)) return table;
				return {
					...table,
					async mutate(request) {
						await down.table(STAMPS).mutate({
							type: 'put',
							trans: request.trans,
							values: [{ table: name, stamp: uuidv7() } satisfies TableStampRow]
						});
						return table.mutate(request);
					}
				};
			}
		};
	}
};

/**
 * The tables' current stamps as one string. Call it inside the transaction that reads the rows a
 * cache is built from (or checked against), so stamp and rows are one snapshot.
 */
export async function readStamp(db: BillfoldDb, tables: readonly StampedTable[]): Promise<string> {
	const rows = await db.tableStamps.bulkGet([...tables]);
	return rows.map((row) => row?.stamp ?? '-').join(' ');
}
