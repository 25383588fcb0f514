/**
 * Counts the formatters an Intl constructor makes until `restore()`: a spec proves a path does
 * without Intl (whose first formatter in a fresh realm loads ICU's locale data).
 */
export function countConstructions(name: 'NumberFormat' | 'DateTimeFormat'): {
	readonly count: number;
	restore(): void;
} {
	const original = Intl[name];
	let count = 0;
	Intl[name] = new Proxy(original, {
		construct(target, args: unknown[]) {
			count += 1;
			return Reflect.construct(target, args) as object;
		},
		apply(target, self, args: unknown[]) {
			count += 1;
			return Reflect.apply(target, self, args) as unknown;
		}
	}) as never;
	return {
		get count() {
			return count;
		},
		restore() {
			Intl[name] = original as never;
		}
	};
}
