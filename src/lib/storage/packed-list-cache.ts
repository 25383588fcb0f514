import type { BillfoldDb } from './db';

/*
 * A list's rows packed by column into one string, stored as one row: reading 10,000 or 100,000
 * small objects from IndexedDB costs a structured clone per row, one string costs one. The
 * invoice overview and the purchase list both keep theirs this way; each decides when its cache
 * is still true (the overview catches up by updatedAt, the purchase list checks table stamps).
 */

/** One packed list (or a small value kept beside it) in the `invoiceOverviewCache` table. */
export interface PackedListRow {
	key: string;
	/** What the cache was built from: the overview's newest updatedAt, the purchase list's stamp. */
	updatedAt: string;
	count: number;
	packed: string;
}

/** Which fields of a row are packed, by kind. Absent strings pack as '', numbers as 0, lists as []. */
export interface ColumnSpec<Row> {
	/** Bumped whenever the columns or their meaning change: an older cache then reads as none. */
	format: number;
	strings: readonly (keyof Row & string)[];
	numbers: readonly (keyof Row & string)[];
	lists?: readonly (keyof Row & string)[];
}

interface Packed {
	format: number;
	strings: Record<string, unknown>;
	numbers: Record<string, unknown>;
	lists?: Record<string, unknown>;
}

/** Reads one field of one packed row; each list module turns these back into its row type. */
export interface PackedColumns {
	count: number;
	string(column: string, index: number): string;
	number(column: string, index: number): number;
	list(column: string, index: number): string[];
}

function column<Row>(rows: readonly Row[], name: keyof Row, empty: unknown): unknown[] {
	return rows.map((row) => row[name] ?? empty);
}

export function packColumns<Row>(spec: ColumnSpec<Row>, rows: readonly Row[]): string {
	const pick = (names: readonly (keyof Row & string)[], empty: unknown) =>
		Object.fromEntries(names.map((name) => [name, column(rows, name, empty)]));
	const packed: Packed = {
		format: spec.format,
		strings: pick(spec.strings, ''),
		numbers: pick(spec.numbers, 0)
	};
	if (spec.lists) packed.lists = pick(spec.lists, []);
	return JSON.stringify(packed);
}

/** The columns back, or undefined when the text is not a cache of this spec's format. */
export function unpackColumns<Row>(spec: ColumnSpec<Row>, text: string): PackedColumns | undefined {
	let value: Packed;
	try {
		value = JSON.parse(text) as Packed;
	} catch {
		return undefined;
	}
	if (value?.format !== spec.format || typeof value.strings !== 'object') return undefined;
	const strings = value.strings as Record<string, string[]>;
	const numbers = (value.numbers ?? {}) as Record<string, number[]>;
	const lists = (value.lists ?? {}) as Record<string, string[][]>;
	const count = strings[spec.strings[0] ?? '']?.length ?? 0;
	const columns = [
		...spec.strings.map((name) => strings[name]),
		...spec.numbers.map((name) => numbers[name]),
		...(spec.lists ?? []).map((name) => lists[name])
	];
	if (columns.some((values) => !Array.isArray(values) || values.length !== count)) return undefined;
	return {
		count,
		string: (name, index) => strings[name]?.[index] ?? '',
		number: (name, index) => numbers[name]?.[index] ?? 0,
		list: (name, index) => lists[name]?.[index] ?? []
	};
}

export async function readPackedList(
	db: BillfoldDb,
	key: string
): Promise<PackedListRow | undefined> {
	return db.invoiceOverviewCache.get(key);
}

export async function writePackedList(db: BillfoldDb, row: PackedListRow): Promise<void> {
	await db.invoiceOverviewCache.put(row);
}
