import type Database from 'better-sqlite3';
import {
	toCompanyLookup,
	type CompanyLookupCache,
	type CompanyLookupRecord
} from './company-lookup-cache.js';
import type { Row } from './row-mapping.js';

/** The VIES answer cache on SQLite (migration 8). */
export function createSqliteCompanyLookups(db: Database.Database): CompanyLookupCache {
	const q = {
		get: db.prepare('SELECT * FROM company_lookups WHERE vat_number = ? AND checked_at >= ?'),
		put: db.prepare(
			`INSERT INTO company_lookups (vat_number, valid, name, raw_address, checked_at)
			 VALUES (?, ?, ?, ?, ?)
			 ON CONFLICT(vat_number) DO UPDATE SET valid = excluded.valid, name = excluded.name,
			   raw_address = excluded.raw_address, checked_at = excluded.checked_at`
		),
		prune: db.prepare('DELETE FROM company_lookups WHERE checked_at < ?')
	};
	const put = db.transaction((record: CompanyLookupRecord, pruneBefore: number) => {
		q.prune.run(pruneBefore);
		q.put.run(
			record.vatNumber,
			record.valid ? 1 : 0,
			record.name,
			record.rawAddress,
			record.checkedAt
		);
	});
	return {
		get: async (vatNumber, notBefore) => {
			const row = q.get.get(vatNumber, notBefore) as Row | undefined;
			return row === undefined ? undefined : toCompanyLookup(row);
		},
		put: async (record, pruneBefore) => put.immediate(record, pruneBefore)
	};
}
