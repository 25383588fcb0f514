import { MAX_SERIES_NUMBER } from '../protocol/index.js';
import type { PostgresDatabase, Sql } from './postgres-database.js';
import { num, str, strOrNull, type Row } from './row-mapping.js';
import { batchedCalls, byOrd } from './postgres-batch.js';
import type { IssueCommand, IssueOutcome, SequencerStore } from './sequencer-store.js';

/** One row of billfold_issue_many_v2 as the store's outcome. */
function toOutcome(row: Row): IssueOutcome {
	const kind = str(row, 'kind');
	const seriesId = str(row, 'series_id');
	switch (kind) {
		case 'issued':
		case 'replayed':
			return {
				kind,
				seriesId,
				number: num(row, 'number'),
				issueDate: str(row, 'issue_date'),
				issuedAt: num(row, 'issued_at')
			};
		case 'conflict':
			return { kind, seriesId };
		case 'exhausted':
			return { kind, lastNumber: num(row, 'number') };
		default:
			throw new Error(`storage: billfold_issue_many_v2 returned ${kind}`);
	}
}

/**
 * The sequencer on PostgreSQL. An issue is one item of a call of the routine
 * billfold_issue_many_v2, which groups the issues that arrived while the previous call ran
 * (postgres-batch.ts) into one transaction and runs billfold_issue_v1 (postgres-routines.ts) for
 * each, in arrival order: it checks the invoice's idempotency record,
 * locks the series row (FOR UPDATE), checks the record again under the lock (another process may
 * have numbered the invoice meanwhile), and takes the next number with an issue date no earlier
 * than the series' last. Concurrent issues on any process take turns per series, so numbers stay
 * unique, gap-free and date-ordered, and the row stays locked for the routine's work, not for a
 * round trip per statement. The same invoice raced into two series at once loses on the primary
 * key; statement() runs the call again, which then answers 'conflict'.
 */
export function createPostgresSequencer({
	pool,
	transaction,
	statement
}: PostgresDatabase): SequencerStore {
	const seriesRow = async (sql: Sql, workspaceId: string, seriesId: string, lock: boolean) =>
		(
			await sql.query<Row>(
				`SELECT * FROM series WHERE workspace_id = $1 AND series_id = $2${lock ? ' FOR UPDATE' : ''}`,
				[workspaceId, seriesId]
			)
		).rows[0];
	const ensureSeries = (sql: Sql, workspaceId: string, seriesId: string) =>
		sql.query(
			`INSERT INTO series (workspace_id, series_id, last_number, last_issue_date) VALUES ($1, $2, 0, NULL)
			 ON CONFLICT (workspace_id, series_id) DO NOTHING`,
			[workspaceId, seriesId]
		);
	return {
		issue: batchedCalls(async (calls: IssueCommand[]) =>
			byOrd(
				await statement<Row>(
					'SELECT * FROM billfold_issue_many_v2($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7) ORDER BY ord',
					[
						calls.map((c) => c.workspaceId),
						calls.map((c) => c.seriesId),
						calls.map((c) => c.invoiceId),
						calls.map((c) => c.issueDate),
						calls.map((c) => c.deviceId),
						calls.map((c) => c.at),
						MAX_SERIES_NUMBER
					]
				),
				calls.length,
				toOutcome
			)
		),
		getSeries: async (workspaceId, seriesId) => {
			const row = await seriesRow(pool, workspaceId, seriesId, false);
			if (row === undefined) return undefined;
			return {
				seriesId,
				lastNumber: num(row, 'last_number'),
				lastIssueDate: strOrNull(row, 'last_issue_date')
			};
		},
		seed: (workspaceId, state) =>
			transaction(async (sql) => {
				await ensureSeries(sql, workspaceId, state.seriesId);
				const row = await seriesRow(sql, workspaceId, state.seriesId, true);
				if (row !== undefined && num(row, 'last_number') > 0) return 'in-use' as const;
				await sql.query(
					'UPDATE series SET last_number = $3, last_issue_date = $4 WHERE workspace_id = $1 AND series_id = $2',
					[workspaceId, state.seriesId, state.lastNumber, state.lastIssueDate]
				);
				return 'seeded' as const;
			})
	};
}
