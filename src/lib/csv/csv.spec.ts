import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './index';

describe('csvCell', () => {
	it('quotes quotes, separators and line breaks', () => {
		expect(csvCell('Peeters, "Jan"')).toBe('"Peeters, ""Jan"""');
		expect(csvCell('Janssens; De Smet')).toBe('"Janssens; De Smet"');
		expect(csvCell('two\nlines')).toBe('"two\nlines"');
		expect(csvCell('plain')).toBe('plain');
	});

	it('neutralises a cell a spreadsheet would run as a formula', () => {
		expect(csvCell('=HYPERLINK("http://evil.example","x")')).toBe(
			`"'=HYPERLINK(""http://evil.example"",""x"")"`
		);
		expect(csvCell('+32 9 234 56 78')).toBe("'+32 9 234 56 78");
		expect(csvCell('-2+3')).toBe("'-2+3");
		expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
		expect(csvCell('\t=1+1')).toBe("'\t=1+1");
		expect(csvCell('\r=1+1')).toBe(`"'\r=1+1"`);
	});

	it('leaves signed amounts numbers', () => {
		expect(csvCell('-12.50')).toBe('-12.50');
		expect(csvCell('+3')).toBe('+3');
		expect(csvCell('0.00')).toBe('0.00');
	});
});

describe('toCsv', () => {
	it('joins cells with the separator and ends every line with CRLF', () => {
		expect(
			toCsv(
				[
					['a', 'b'],
					['1', '=2']
				],
				{ separator: ';', byteOrderMark: true }
			)
		).toBe("\uFEFFa;b\r\n1;'=2\r\n");
		expect(toCsv([['a', 'b,c']])).toBe('a,"b,c"\r\n');
	});
});
