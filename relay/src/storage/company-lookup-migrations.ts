/**
 * The VIES answer cache's schema: SQLite migration 10 and PostgreSQL migration 6 (numbers the
 * team reserved for it). IF NOT EXISTS because the step may land before the steps reserved for
 * 8/9 (4/5) on a branch's database; it only ever creates this one table.
 */
export const sqliteCompanyLookupsMigration = `
	CREATE TABLE IF NOT EXISTS company_lookups (
		vat_number TEXT PRIMARY KEY,
		valid INTEGER NOT NULL CHECK (valid IN (0, 1)),
		name TEXT,
		raw_address TEXT,
		checked_at INTEGER NOT NULL
	) STRICT;
	CREATE INDEX IF NOT EXISTS company_lookups_by_age ON company_lookups(checked_at);
	`;

export const postgresCompanyLookupsMigration = `
	CREATE TABLE IF NOT EXISTS company_lookups (
		vat_number text PRIMARY KEY,
		valid boolean NOT NULL,
		name text,
		raw_address text,
		checked_at bigint NOT NULL
	);
	CREATE INDEX IF NOT EXISTS company_lookups_by_age ON company_lookups(checked_at);
	`;
