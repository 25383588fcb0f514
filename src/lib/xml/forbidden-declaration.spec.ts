import { describe, expect, it } from 'vitest';
import { findForbiddenDeclaration, lineAt } from './forbidden-declaration';

describe('findForbiddenDeclaration', () => {
	it('finds a DOCTYPE with its line', () => {
		expect(findForbiddenDeclaration('<?xml version="1.0"?>\n<!DOCTYPE x [\n]>\n<x/>')).toEqual({
			declaration: 'DOCTYPE',
			line: 2
		});
	});

	it('finds an ENTITY declaration in any case', () => {
		expect(findForbiddenDeclaration('<x/>\n\n<!entity a "b">')).toEqual({
			declaration: 'ENTITY',
			line: 3
		});
	});

	it('passes a file without declarations', () => {
		expect(findForbiddenDeclaration('<x><!-- a comment --><![CDATA[<b>]]></x>')).toBeUndefined();
	});
});

describe('lineAt', () => {
	it('counts lines up to the offset', () => {
		expect(lineAt('a\nb\nc', 0)).toBe(1);
		expect(lineAt('a\nb\nc', 2)).toBe(2);
		expect(lineAt('a\nb\nc', 4)).toBe(3);
	});
});
