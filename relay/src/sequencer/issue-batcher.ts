import type { IssueCommand, IssueOutcome, SequencerStore } from '../storage/storage.js';

/**
 * Requests that arrive in the same event-loop turn are committed together (one fsync), each still
 * atomic and numbered in arrival order. If the batch fails, each command is retried on its own so
 * that one bad command cannot fail its neighbours.
 */
export function createIssueBatcher(store: SequencerStore): (command: IssueCommand) => Promise<IssueOutcome> {
	let pending: { command: IssueCommand; resolve: (o: IssueOutcome) => void; reject: (e: unknown) => void }[] = [];

	const flush = (): void => {
		const batch = pending;
		pending = [];
		try {
			const outcomes = store.issueMany(batch.map((p) => p.command));
			batch.forEach((p, i) => {
				const outcome = outcomes[i];
				if (outcome === undefined) p.reject(new Error('sequencer: missing outcome'));
				else p.resolve(outcome);
			});
		} catch {
			for (const p of batch) {
				try {
					p.resolve(store.issue(p.command));
				} catch (error) {
					p.reject(error);
				}
			}
		}
	};

	return (command) =>
		new Promise<IssueOutcome>((resolve, reject) => {
			pending.push({ command, resolve, reject });
			if (pending.length === 1) setImmediate(flush);
		});
}
