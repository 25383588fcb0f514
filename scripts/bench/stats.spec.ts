import { describe, expect, it } from 'vitest';
import { summarise } from './stats';

describe('summarise', () => {
	it('reports median, p95, min and max', () => {
		expect(summarise([5, 1, 3, 2, 4])).toEqual({ median: 3, p95: 5, min: 1, max: 5, runs: 5 });
		expect(summarise([1, 2, 3, 4])).toMatchObject({ median: 2.5, min: 1, max: 4 });
	});

	it('refuses an empty sample', () => {
		expect(() => summarise([])).toThrow(/at least one/);
	});
});
