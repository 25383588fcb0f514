import { z } from 'zod';
import type { Storage } from './storage.js';

/**
 * Test-only fault injection (BILLFOLD_TEST_FAULTS): named storage operations throw on chosen calls,
 * so tests can show that the outbox survives a storage error without a way to break SQLite on
 * cue. Unset, which is the default, the storage is returned untouched and nothing here runs.
 *
 * Format: comma-separated `operation`, `operation@n` or `operation@n-m` (calls counted from 1,
 * per operation): `durable@2,outbox.markRetry@1-3` fails the second durable() and the first three
 * markRetry calls.
 */
export const FAULT_OPERATIONS = [
	'durable',
	'reclaimDeletedSpace',
	'outbox.claimDue',
	'outbox.markSent',
	'outbox.markRetry',
	'outbox.markFailed',
	'outbox.purgeContent'
] as const;
export type FaultOperation = (typeof FAULT_OPERATIONS)[number];

export interface FaultRule {
	operation: FaultOperation;
	from: number;
	to: number;
}

const ruleSchema = z
	.string()
	.trim()
	.regex(/^[\w.]+(@\d+(-\d+)?)?$/, 'must be operation, operation@n or operation@n-m')
	.transform((text, ctx): FaultRule => {
		const [name = '', range] = text.split('@');
		const operation = FAULT_OPERATIONS.find((o) => o === name);
		if (operation === undefined) {
			ctx.addIssue({ code: 'custom', message: `unknown operation ${name}` });
			return z.NEVER;
		}
		if (range === undefined) return { operation, from: 1, to: Number.POSITIVE_INFINITY };
		const [from = '1', to = from] = range.split('-');
		return { operation, from: Number(from), to: Number(to) };
	});

export const faultRulesSchema = z
	.string()
	.transform((text) => text.split(',').filter((part) => part.trim() !== ''))
	.pipe(z.array(ruleSchema));

export class InjectedFault extends Error {
	readonly code = 'EINJECTED';
	constructor(operation: string) {
		super(`injected fault in ${operation}`);
		this.name = 'InjectedFault';
	}
}

export function withFaults(storage: Storage, rules: readonly FaultRule[]): Storage {
	if (rules.length === 0) return storage;
	const calls = new Map<FaultOperation, number>();
	const shouldFail = (operation: FaultOperation): boolean => {
		const call = (calls.get(operation) ?? 0) + 1;
		calls.set(operation, call);
		return rules.some((r) => r.operation === operation && call >= r.from && call <= r.to);
	};
	const wrap =
		<A extends unknown[], R>(operation: FaultOperation, fn: (...args: A) => Promise<R>) =>
		(...args: A): Promise<R> =>
			shouldFail(operation) ? Promise.reject(new InjectedFault(operation)) : fn(...args);
	const outbox = storage.outbox;
	return {
		...storage,
		outbox: {
			...outbox,
			claimDue: wrap('outbox.claimDue', outbox.claimDue),
			markSent: wrap('outbox.markSent', outbox.markSent),
			markRetry: wrap('outbox.markRetry', outbox.markRetry),
			markFailed: wrap('outbox.markFailed', outbox.markFailed),
			purgeContent: wrap('outbox.purgeContent', outbox.purgeContent)
		},
		durable: () =>
			shouldFail('durable') ? Promise.reject(new InjectedFault('durable')) : storage.durable(),
		reclaimDeletedSpace: wrap('reclaimDeletedSpace', storage.reclaimDeletedSpace)
	};
}
