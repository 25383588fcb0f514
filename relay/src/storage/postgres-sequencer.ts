import { MAX_SERIES_NUMBER } from '../protocol/index.js';
import type { PostgresDatabase, Sql } from './postgres-database.js';
import { num, str, strOrNull, type Row } from './row-mapping.js';
import type { IssueOutcome, SequencerStore } from './sequencer-store.js';

/**
 * The sequencer on PostgreSQL: one transaction locks the series row (FOR UPDATE), so concurrent
 * issues on any process take turns per series: numbers stay unique, gap-free and date-ordered.
 * The idempotency record is read again under the lock; the same invoice raced into two series at
 * once loses on the primary key and is retried, then answered as a conflict.
 */
export function createPostgresSequencer({ pool, transaction }: PostgresDatabase): SequencerStore {
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
	const previous = async (
		sql: Sql,
		workspaceId: string,
		invoiceId: string,
		seriesId: string
	): Promise<IssueOutcome | undefined> => {
		const row = (
			await sql.query<Row>(
				'SELECT * FROM issued_numbers WHERE workspace_id = $1 AND invoice_id = $2',
				[workspaceId, invoiceId]
			)
		).rows[0];
		if (row === undefined) return undefined;
		const issuedIn = str(row, 'series_id');
		if (issuedIn !== seriesId) return { kind: 'conflict', seriesId: issuedIn };
		return {
			kind: 'replayed',
			seriesId: issuedIn,
			number: num(row, 'number'),
			issueDate: str(row, 'issue_date'),
			issuedAt: num(row, 'issued_at')
		};
	};

	return {
		issue: (c) =>
			transaction(async (sql): Promise<IssueOutcome> => {
				const replay = await previous(sql, c.workspaceId, c.invoiceId, c.seriesId);
				if (replay !== undefined) return replay;
				await ensureSeries(sql, c.workspaceId, c.seriesId);
				const series = await seriesRow(sql, c.workspaceId, c.seriesId, true);
				// Another process may have numbered this invoice while we waited for the lock.
				const raced = await previous(sql, c.workspaceId, c.invoiceId, c.seriesId);
				if (raced !== undefined) return raced;
				const lastNumber = series === undefined ? 0 : num(series, 'last_number');
				const lastDate = series === undefined ? null : strOrNull(series, 'last_issue_date');
				if (lastNumber >= MAX_SERIES_NUMBER) return { kind: 'exhausted', lastNumber };
				const number = lastNumber + 1;
				const issueDate = lastDate !== null && lastDate > c.issueDate ? lastDate : c.issueDate;
				await sql.query(
					'UPDATE series SET last_number = $3, last_issue_date = $4 WHERE workspace_id = $1 AND series_id = $2',
					[c.workspaceId, c.seriesId, number, issueDate]
				);
				await sql.query(
					`INSERT INTO issued_numbers (workspace_id, invoice_id, series_id, number, issue_date, issued_at, device_id)
					 VALUES ($1, $2, $3, $4, $5, $6, $7)`,
					[c.workspaceId, c.invoiceId, c.seriesId, number, issueDate, c.at, c.deviceId]
				);
				return { kind: 'issued', seriesId: c.seriesId, number, issueDate, issuedAt: c.at };
			}),
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
