import { toCompanyLookup, type CompanyLookupCache } from './company-lookup-cache.js';
import type { PostgresDatabase } from './postgres-database.js';
import type { Row } from './row-mapping.js';

/** The VIES answer cache on PostgreSQL (migration 4), shared by every relay process. */
export function createPostgresCompanyLookups({
	pool,
	transaction
}: PostgresDatabase): CompanyLookupCache {
	return {
		get: async (vatNumber, notBefore) => {
			const row = (
				await pool.query<Row>(
					'SELECT * FROM company_lookups WHERE vat_number = $1 AND checked_at >= $2',
					[vatNumber, notBefore]
				)
			).rows[0];
			return row === undefined ? undefined : toCompanyLookup(row);
		},
		// One transaction, like SQLite's: the prune and the new answer commit together.
		put: (record, pruneBefore) =>
			transaction(async (sql) => {
				await sql.query('DELETE FROM company_lookups WHERE checked_at < $1', [pruneBefore]);
				await sql.query(
					`INSERT INTO company_lookups (vat_number, valid, name, raw_address, checked_at)
					 VALUES ($1, $2, $3, $4, $5)
					 ON CONFLICT (vat_number) DO UPDATE SET valid = excluded.valid, name = excluded.name,
					   raw_address = excluded.raw_address, checked_at = excluded.checked_at`,
					[record.vatNumber, record.valid, record.name, record.rawAddress, record.checkedAt]
				);
			})
	};
}
