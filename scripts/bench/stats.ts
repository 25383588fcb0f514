export interface Summary {
	median: number;
	p95: number;
	min: number;
	max: number;
	runs: number;
}

/** Runs `fn` after `warmup` unrecorded calls and summarises `runs` timings in milliseconds. */
export async function measure(
	fn: () => unknown,
	{ warmup = 2, runs = 7 }: { warmup?: number; runs?: number } = {}
): Promise<Summary> {
	for (let i = 0; i < warmup; i++) await fn();
	const samples: number[] = [];
	for (let i = 0; i < runs; i++) {
		const started = performance.now();
		await fn();
		samples.push(performance.now() - started);
	}
	return summarise(samples);
}

export function summarise(samples: readonly number[]): Summary {
	if (samples.length === 0) throw new Error('summarise needs at least one sample');
	const sorted = [...samples].sort((a, b) => a - b);
	const at = (index: number) => sorted[Math.min(sorted.length - 1, Math.max(0, index))] ?? 0;
	const middle = Math.floor(sorted.length / 2);
	const median = sorted.length % 2 ? at(middle) : (at(middle - 1) + at(middle)) / 2;
	return {
		median: round(median),
		p95: round(at(Math.ceil(0.95 * sorted.length) - 1)),
		min: round(at(0)),
		max: round(at(sorted.length - 1)),
		runs: sorted.length
	};
}

export function round(value: number, digits = 2): number {
	const factor = 10 ** digits;
	return Math.round(value * factor) / factor;
}
