/**
 * Takes `name value` out of a tool's arguments (so what is left are its bundles) and returns the
 * value as a number, or `fallback` when the option is absent.
 */
export function takeNumberOption(args: string[], name: string, fallback: number): number {
	const index = args.indexOf(name);
	if (index < 0) return fallback;
	const [, value] = args.splice(index, 2);
	return Number(value);
}
