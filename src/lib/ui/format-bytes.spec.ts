import { describe, expect, it } from 'vitest';
import { exactBytes, formatBytes } from './format-bytes';

const nbsp = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('formatBytes', () => {
	it('uses binary multiples and the locale separator', () => {
		expect(formatBytes(512, 'en')).toBe('512 B');
		expect(formatBytes(2 * 1024 * 1024 + 1, 'en')).toBe('2 MB');
		expect(formatBytes(1536, 'nl')).toBe('1,5 KB');
		expect(formatBytes(1536, 'fr-BE')).toBe('1,5 Ko');
	});

	it('shows fixed decimals when asked', () => {
		expect(formatBytes(2 * 1024 * 1024, 'en', 2)).toBe('2.00 MB');
		expect(formatBytes(512, 'en', 2)).toBe('512 B');
	});
});

describe('exactBytes', () => {
	it('tells a file one byte over the limit from the limit, in the locale', () => {
		expect(exactBytes(2_097_153, 'en')).toEqual({ bytes: '2,097,153', size: '2.00 MB' });
		expect(exactBytes(2_097_152, 'nl-BE')).toEqual({ bytes: '2.097.152', size: '2,00 MB' });
		const french = exactBytes(2_097_153, 'fr-BE');
		expect(nbsp(french.bytes)).toBe('2 097 153');
		expect(french.size).toBe('2,00 Mo');
	});
});
