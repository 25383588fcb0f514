import { num, str, strOrNull, type Row } from './row-mapping.js';

/** One VIES answer, as it came: the relay splits the address when it answers. */
export interface CompanyLookupRecord {
	/** Compact, with its country prefix: "BE0417497106". */
	vatNumber: string;
	valid: boolean;
	name: string | null;
	rawAddress: string | null;
	/** Epoch milliseconds of VIES's answer. */
	checkedAt: number;
}

/**
 * VIES answers kept for a while (BILLFOLD_VIES_CACHE_HOURS) per VAT number, so a number looked up
 * again does not go to VIES again. Only definite answers (valid or not) are kept, never failures.
 * What a register publishes about a VAT number is public; which workspace asked is not kept.
 */
export interface CompanyLookupCache {
	/** The newest answer for the number checked at or after `notBefore`. */
	get(vatNumber: string, notBefore: number): Promise<CompanyLookupRecord | undefined>;
	/** Keeps the answer and drops every answer checked before `pruneBefore`. */
	put(record: CompanyLookupRecord, pruneBefore: number): Promise<void>;
}

/** A cache row of either backend (SQLite stores the flag as 0/1, PostgreSQL as a boolean). */
export function toCompanyLookup(row: Row): CompanyLookupRecord {
	return {
		vatNumber: str(row, 'vat_number'),
		valid: row['valid'] === 1 || row['valid'] === true,
		name: strOrNull(row, 'name'),
		rawAddress: strOrNull(row, 'raw_address'),
		checkedAt: num(row, 'checked_at')
	};
}
