import { describe, expect, it } from 'vitest';
import { ratioText, Report } from './report';

describe('bench report', () => {
	it('reads a ratio below 1 as "slower"', () => {
		expect(ratioText(2.5)).toBe('2.5× faster');
		expect(ratioText(0.25)).toBe('4× slower');
		expect(ratioText(undefined)).toBe('');
	});

	it('puts ours, the anchor and the ratio of a rate in one row', () => {
		const report = new Report('test');
		report.rate('sync', 'appends', 500, '/s', { value: 2000, label: 'y-websocket' });
		expect(report.rows[0]?.ratio).toBe(0.25);
		expect(report.markdown()).toContain(
			'| sync | appends | 500 /s |  | 2000 /s (y-websocket) | 4× slower |'
		);
	});
});
