// xspattern ships its types, but its package.json "exports" does not point at them.
declare module 'xspattern' {
	export function compile(
		pattern: string,
		options?: { language: 'xsd' | 'xpath' }
	): (text: string) => boolean;
}
