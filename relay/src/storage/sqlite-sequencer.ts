import type Database from 'better-sqlite3';
import { MAX_SERIES_NUMBER } from '../protocol/index.js';
import { num, str, strOrNull, type Row } from './row-mapping.js';
import type { IssueCommand, IssueOutcome, SequencerStore } from './sequencer-store.js';

/** The sequencer on SQLite: each issue is one BEGIN IMMEDIATE transaction (the write lock). */
export function createSqliteSequencer(db: Database.Database): SequencerStore {
	const q = {
		issuedGet: db.prepare('SELECT * FROM issued_numbers WHERE workspace_id = ? AND invoice_id = ?'),
		seriesGet: db.prepare('SELECT * FROM series WHERE workspace_id = ? AND series_id = ?'),
		seriesUpsert: db.prepare(
			`INSERT INTO series (workspace_id, series_id, last_number, last_issue_date) VALUES (?, ?, ?, ?)
			 ON CONFLICT(workspace_id, series_id) DO UPDATE SET last_number = excluded.last_number, last_issue_date = excluded.last_issue_date`
		),
		issuedInsert: db.prepare(
			`INSERT INTO issued_numbers (workspace_id, invoice_id, series_id, number, issue_date, issued_at, device_id)
			 VALUES (?, ?, ?, ?, ?, ?, ?)`
		)
	};

	const issueTx = db.transaction((c: IssueCommand): IssueOutcome => {
		const existing = q.issuedGet.get(c.workspaceId, c.invoiceId) as Row | undefined;
		if (existing !== undefined) {
			const seriesId = str(existing, 'series_id');
			if (seriesId !== c.seriesId) return { kind: 'conflict', seriesId };
			return {
				kind: 'replayed',
				seriesId,
				number: num(existing, 'number'),
				issueDate: str(existing, 'issue_date'),
				issuedAt: num(existing, 'issued_at')
			};
		}
		const series = q.seriesGet.get(c.workspaceId, c.seriesId) as Row | undefined;
		const lastNumber = series === undefined ? 0 : num(series, 'last_number');
		const lastDate = series === undefined ? null : strOrNull(series, 'last_issue_date');
		// Also catches a series seeded past the bound before it existed.
		if (lastNumber >= MAX_SERIES_NUMBER) return { kind: 'exhausted', lastNumber };
		const number = lastNumber + 1;
		// ISO dates compare correctly as strings.
		const issueDate = lastDate !== null && lastDate > c.issueDate ? lastDate : c.issueDate;
		q.seriesUpsert.run(c.workspaceId, c.seriesId, number, issueDate);
		q.issuedInsert.run(c.workspaceId, c.invoiceId, c.seriesId, number, issueDate, c.at, c.deviceId);
		return { kind: 'issued', seriesId: c.seriesId, number, issueDate, issuedAt: c.at };
	});

	const seedTx = db.transaction(
		(workspaceId: string, seriesId: string, lastNumber: number, lastIssueDate: string | null) => {
			const row = q.seriesGet.get(workspaceId, seriesId) as Row | undefined;
			if (row !== undefined && num(row, 'last_number') > 0) return 'in-use' as const;
			q.seriesUpsert.run(workspaceId, seriesId, lastNumber, lastIssueDate);
			return 'seeded' as const;
		}
	);

	return {
		issue: async (command) => issueTx.immediate(command),
		getSeries: async (workspaceId, seriesId) => {
			const row = q.seriesGet.get(workspaceId, seriesId) as Row | undefined;
			if (row === undefined) return undefined;
			return {
				seriesId,
				lastNumber: num(row, 'last_number'),
				lastIssueDate: strOrNull(row, 'last_issue_date')
			};
		},
		seed: async (workspaceId, state) =>
			seedTx.immediate(workspaceId, state.seriesId, state.lastNumber, state.lastIssueDate)
	};
}
