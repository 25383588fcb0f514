import type { Epoch } from './epoch.js';

export interface IssueCommand {
	workspaceId: string;
	seriesId: string;
	invoiceId: string;
	issueDate: string;
	deviceId: string;
	at: Epoch;
}

export type IssueOutcome =
	| {
			kind: 'issued' | 'replayed';
			seriesId: string;
			number: number;
			issueDate: string;
			issuedAt: Epoch;
	  }
	| { kind: 'conflict'; seriesId: string }
	| { kind: 'exhausted'; lastNumber: number };

export interface SeriesState {
	seriesId: string;
	lastNumber: number;
	lastIssueDate: string | null;
}

export interface SequencerStore {
	/**
	 * One transaction: idempotency check, series row lock, next number, issue date ≥ the series'
	 * last. 'exhausted' once the series reached MAX_SERIES_NUMBER; a replay still answers.
	 */
	issue(command: IssueCommand): Promise<IssueOutcome>;
	getSeries(workspaceId: string, seriesId: string): Promise<SeriesState | undefined>;
	/** Moves a device's local counter to the relay; refused once the series has numbers. */
	seed(workspaceId: string, state: SeriesState): Promise<'seeded' | 'in-use'>;
}
