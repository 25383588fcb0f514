import { describe, expect, it } from 'vitest';
import { pushPipelined, type PushSteps } from './push-pipeline';

interface Batch {
	name: string;
	rows: { docId: string }[];
	more: boolean;
}

/** A push whose answer the spec gives (or refuses) when it wants. */
interface Pending {
	batch: Batch;
	answer(value: string): void;
	fail(error: Error): void;
}

/** Batches named by their docs; each read returns the next one, the last with `more` false. */
function scripted(batches: string[][]) {
	const list: Batch[] = batches.map((docs, index) => ({
		name: `b${index}`,
		rows: docs.map((docId) => ({ docId })),
		more: index < batches.length - 1
	}));
	const events: string[] = [];
	const pushes: Pending[] = [];
	let wake: (() => void) | undefined;
	const steps: PushSteps<Batch, string> = {
		read: async (previous) => {
			const next = list[list.indexOf(previous) + 1];
			if (!next) throw new Error('read past the end');
			events.push(`read ${next.name}`);
			return next;
		},
		push: (batch) =>
			new Promise<string>((resolve, reject) => {
				events.push(`push ${batch.name}`);
				pushes.push({ batch, answer: resolve, fail: reject });
				wake?.();
			}),
		sending: () => undefined,
		store: async (batch, answer, last) => {
			events.push(`store ${batch.name}=${answer}${last ? ' last' : ''}`);
		},
		stored: () => undefined,
		dropped: (batch) => events.push(`dropped ${batch.name}`)
	};
	/** Resolves once `count` pushes have been sent. */
	const sent = async (count: number): Promise<void> => {
		while (pushes.length < count) await new Promise<void>((resolve) => (wake = resolve));
	};
	const first = list[0];
	if (!first) throw new Error('no batch');
	return { first, steps, events, pushes, sent };
}

/** Lets every microtask run: the fakes answer in microtasks, so what has not happened by then waits on the spec. */
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('pushPipelined', () => {
	it('sends the next batch while one is unanswered, never more than two, and stores answers in send order', async () => {
		const { first, steps, events, pushes, sent } = scripted([['a'], ['b'], ['c']]);
		const run = pushPipelined(first, steps);
		await sent(2);
		// Two pushes wait; the third is read but not sent before the first answer.
		await flush();
		expect(pushes).toHaveLength(2);
		// The second answer comes first: it is stored only after the first.
		pushes[1]?.answer('2');
		await flush();
		expect(events.filter((event) => event.startsWith('store'))).toEqual([]);
		pushes[0]?.answer('1');
		await sent(3);
		pushes[2]?.answer('3');
		await run;
		expect(events.filter((event) => event.startsWith('store'))).toEqual([
			'store b0=1',
			'store b1=2',
			'store b2=3 last'
		]);
	});

	it("holds back a batch with a doc whose earlier rows are still unanswered: a doc's rows go in order", async () => {
		const { first, steps, pushes, sent } = scripted([['a', 'b'], ['c', 'a'], ['d']]);
		const run = pushPipelined(first, steps);
		await sent(1);
		await flush();
		expect(pushes).toHaveLength(1);
		pushes[0]?.answer('1');
		await sent(2);
		// b1 holds no doc of b2's: b2 goes while b1 is unanswered.
		await sent(3);
		pushes[1]?.answer('2');
		pushes[2]?.answer('3');
		await run;
	});

	it('a push that fails while the next is in flight fails the run once that one has settled, storing neither', async () => {
		const { first, steps, events, pushes, sent } = scripted([['a'], ['b'], ['c']]);
		const run = pushPipelined(first, steps);
		run.catch(() => undefined);
		await sent(2);
		pushes[0]?.fail(new Error('connection reset'));
		let settled = false;
		void run.catch(() => (settled = true));
		await flush();
		// The second push is still on its way: the run waits for it.
		expect(settled).toBe(false);
		pushes[1]?.answer('2');
		await expect(run).rejects.toThrow('connection reset');
		expect(pushes).toHaveLength(2);
		expect(events.filter((event) => /^(store|dropped)/.test(event))).toEqual([
			'dropped b0',
			'dropped b1'
		]);
	});

	it('a push that fails after an earlier answer: that answer is stored, the failed batch and the one after it are dropped', async () => {
		const { first, steps, events, pushes, sent } = scripted([['a'], ['b'], ['c'], ['d']]);
		const run = pushPipelined(first, steps);
		run.catch(() => undefined);
		await sent(2);
		pushes[0]?.answer('1');
		await sent(3);
		pushes[2]?.answer('3');
		pushes[1]?.fail(new Error('refused'));
		await expect(run).rejects.toThrow('refused');
		expect(events.filter((event) => /^(store|dropped)/.test(event))).toEqual([
			'store b0=1',
			'dropped b1',
			'dropped b2'
		]);
	});
});
