import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { batchedCalls, byOrd, MAX_BATCH, MAX_BATCH_BYTES } from '../src/storage/postgres-batch.js';

const MB = 1024 * 1024;

/**
 * How the PostgreSQL stores group concurrent calls into one routine call (postgres-batch.ts),
 * and how they hand each caller its own row of the answer.
 */
describe('batched routine calls', () => {
	it('places each row by its ord, whatever order the rows come in', () => {
		const rows = [
			{ ord: 3, v: 'c' },
			{ ord: 1, v: 'a' },
			{ ord: 2, v: 'b' }
		];
		assert.deepEqual(
			byOrd(rows, 3, (row) => row['v']),
			['a', 'b', 'c']
		);
	});

	it('rejects a batch answer unless every ord 1..n appears exactly once', () => {
		const answers: [string, Record<string, unknown>[]][] = [
			['an ord twice, one missing', [{ ord: 1 }, { ord: 1 }, { ord: 3 }]],
			['an ord past the batch', [{ ord: 1 }, { ord: 2 }, { ord: 4 }]],
			['an ord of 0', [{ ord: 0 }, { ord: 1 }, { ord: 2 }]],
			['a fractional ord', [{ ord: 1 }, { ord: 2 }, { ord: 2.5 }]],
			['a row missing', [{ ord: 1 }, { ord: 2 }]],
			['a row too many', [{ ord: 1 }, { ord: 2 }, { ord: 3 }, { ord: 3 }]],
			['no ord at all', [{ kind: 'issued' }, { ord: 2 }, { ord: 3 }]]
		];
		for (const [name, rows] of answers)
			assert.throws(() => byOrd(rows, 3, (row) => row), /storage: .*batch of 3/, name);
	});

	it('closes a batch at MAX_BATCH calls and at MAX_BATCH_BYTES of weight; a heavier call goes alone', async () => {
		const groups: number[][] = [];
		let open!: () => void;
		const first = new Promise<void>((resolve) => (open = resolve));
		// Each call is its weight in MB; the first batch is held open so the rest queue behind it.
		const call = batchedCalls(
			async (weights: number[]) => {
				groups.push(weights);
				if (groups.length === 1) await first;
				return weights;
			},
			(weight) => weight * MB
		);
		const weights = [1, 20, 20, 40, 1, 1, 30, 5, ...Array<number>(MAX_BATCH).fill(0)];
		const answers = Promise.all(weights.map((w) => call(w)));
		open();
		assert.deepEqual(await answers, weights);
		assert.equal(MAX_BATCH_BYTES, 32 * MB);
		assert.deepEqual(groups.slice(0, 5), [[1], [20], [20], [40], [1, 1, 30]]);
		assert.deepEqual(
			groups.slice(5).map((g) => g.length),
			[MAX_BATCH, 1]
		);
	});
});
