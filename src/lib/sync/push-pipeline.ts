/** How many pushes of one run may wait for the relay's answer at once. */
export const PUSHES_IN_FLIGHT = 2;

/** A batch of rows to push; `more`: further rows may be pending after it. */
export interface PushBatch {
	rows: readonly { docId: string }[];
	more: boolean;
}

/** What the pipeline does with a batch; the reads and the stores run one at a time, in order. */
export interface PushSteps<B extends PushBatch, A> {
	/** Reads and seals the batch that follows `previous` (after its last local key). */
	read(previous: B): Promise<B>;
	/** Sends the batch; resolves with the relay's answer, given only once the rows are durable. */
	push(batch: B): Promise<A>;
	/** The batch is about to be sent. */
	sending(batch: B): void;
	/** Stores the answer; `last`: no batch follows it in this run. */
	store(batch: B, answer: A, last: boolean): Promise<void>;
	/** A store that another batch follows has completed. */
	stored(): void;
	/** The batch was sent but its answer will not be stored (the run failed): it stays pending. */
	dropped(batch: B): void;
}

/**
 * Pushes `first` and every batch after it with up to `window` pushes waiting for the relay at
 * once: while one push is on its way the next is read, sealed and sent, so the relay's append and
 * flush of one batch overlaps the device's work on the next one, and two pushes that reach the
 * relay together share its group commit (one durable flush). What stays as with one push at a time:
 * - answers are stored strictly in the order the batches were sent, each after the one before;
 * - a doc with rows in a batch still unanswered has its next rows sent only after that answer,
 *   so a doc's rows reach the relay in the order they were saved (batches of different docs may
 *   land in either order: their rows do not depend on each other);
 * - a failed push (or read, or store) fails the run: every batch not yet stored stays pending and
 *   is pushed again whole by the next run, with the same client ids, which the relay answers with
 *   the sequence numbers it gave the first time; the failure is reported once every push it sent
 *   has settled.
 */
export async function pushPipelined<B extends PushBatch, A>(
	first: B,
	steps: PushSteps<B, A>,
	window = PUSHES_IN_FLIGHT
): Promise<void> {
	let queue: Promise<unknown> = Promise.resolve();
	const enqueue = <T>(work: () => Promise<T>): Promise<T> => {
		const done = queue.then(work);
		queue = done.catch(() => undefined);
		return done;
	};
	/** Batches sent and not yet handed to `store`, oldest first. */
	const sent: { batch: B; answer: Promise<A> }[] = [];
	let storing: Promise<void> = Promise.resolve();

	/** Hands the oldest batch's answer to `store` once it has come, after every earlier store. */
	const retire = async (last: boolean): Promise<void> => {
		const oldest = sent[0];
		if (!oldest) return;
		const answer = await oldest.answer;
		// The previous store's failure fails the run before a later answer is stored.
		await storing;
		sent.shift();
		storing = enqueue(() => steps.store(oldest.batch, answer, last));
		storing.catch(() => undefined);
		if (!last)
			void storing.then(
				() => steps.stored(),
				() => undefined
			);
	};

	const awaitedDocs = (): Set<string> =>
		new Set(sent.flatMap(({ batch }) => batch.rows.map((row) => row.docId)));

	try {
		let batch = first;
		while (batch.rows.length > 0) {
			const current = batch;
			steps.sending(current);
			const answer = steps.push(current);
			// A failure is reported when the answer is awaited, in order.
			answer.catch(() => undefined);
			sent.push({ batch: current, answer });
			if (!current.more) break;
			const next = enqueue(() => steps.read(current));
			next.catch(() => undefined);
			while (sent.length >= window) await retire(false);
			batch = await next;
			const awaited = awaitedDocs();
			if (batch.rows.some((row) => awaited.has(row.docId)))
				while (sent.length > 0) await retire(false);
		}
		while (sent.length > 0) await retire(sent.length === 1);
		await storing;
	} catch (error) {
		await Promise.allSettled(sent.map(({ answer }) => answer));
		for (const { batch } of sent) steps.dropped(batch);
		throw error;
	} finally {
		// A failed run ends only once nothing it started still writes.
		await queue;
	}
}
