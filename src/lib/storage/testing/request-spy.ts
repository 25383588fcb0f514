import type Dexie from 'dexie';
import type { DBCore, DBCoreIndex, Middleware } from 'dexie';

/**
 * Records the requests that reach IndexedDB (below the capture): `<type> <table>[ by <index>]
 * issued` when asked for, `… answered` when the answer came. Install it before the database opens.
 */
export function spyOnRequests(target: Dexie): string[] {
	const calls: string[] = [];
	const on = (index: DBCoreIndex) => (index.isPrimaryKey ? '' : ` by ${index.name}`);
	const spy: Middleware<DBCore> = {
		stack: 'dbcore',
		name: 'spy',
		level: -20,
		create(down) {
			return {
				...down,
				table(name) {
					const table = down.table(name);
					const watch = <T>(what: string, work: () => Promise<T>): Promise<T> => {
						calls.push(`${what} issued`);
						return work().then((result) => {
							calls.push(`${what} answered`);
							return result;
						});
					};
					return {
						...table,
						get: (request) => watch(`get ${name}`, () => table.get(request)),
						query: (request) =>
							watch(`query ${name}${on(request.query.index)}`, () => table.query(request)),
						count: (request) =>
							watch(`count ${name}${on(request.query.index)}`, () => table.count(request)),
						mutate: (request) => watch(`mutate ${name}`, () => table.mutate(request))
					};
				}
			};
		}
	};
	target.use(spy);
	return calls;
}
