import { describe, expect, it } from 'vitest';
import { formatBytes } from './format-bytes';

describe('formatBytes', () => {
	it('uses binary multiples and the locale separator', () => {
		expect(formatBytes(512, 'en')).toBe('512 B');
		expect(formatBytes(2 * 1024 * 1024 + 1, 'en')).toBe('2 MB');
		expect(formatBytes(1536, 'nl')).toBe('1,5 KB');
	});
});
