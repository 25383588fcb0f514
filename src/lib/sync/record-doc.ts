import * as Y from 'yjs';
import type { FreezeRule } from '$lib/storage';

/**
 * One record is one Y.Doc:
 * - "fields": a Y.Map with one entry per record field. Plain objects become nested Y.Maps, so
 *   concurrent edits of different fields (also inside e.g. an address) merge; arrays and scalars
 *   are single values, the last writer wins.
 * - "meta": createdAt, updatedAt, schemaVersion, deleted, and `frozen`: the immutable fields of an
 *   issued record as one value, written once when the record is issued.
 *
 * After a freeze the record a device sees is the frozen fields plus the still-mutable ones from
 * "fields". Every device computes the same view from the same doc, so a late edit of a frozen
 * field from a stale device changes nothing visible; it is reported instead.
 */
export type JsonObject = { [key: string]: unknown };

export interface RecordMeta {
	createdAt: string;
	updatedAt: string;
	schemaVersion: number;
	deleted: boolean;
}

export interface RecordView {
	record: JsonObject;
	raw: JsonObject;
	frozen: JsonObject | undefined;
	meta: RecordMeta;
}

export class FrozenRecordError extends Error {
	constructor(
		readonly docId: string,
		readonly fields: readonly string[]
	) {
		super(`record ${docId} is issued and cannot change: ${fields.join(', ')}`);
		this.name = 'FrozenRecordError';
	}
}

const FIELDS = 'fields';
const META = 'meta';

function isPlainObject(value: unknown): value is JsonObject {
	return (
		typeof value === 'object' &&
		value !== null &&
		!Array.isArray(value) &&
		Object.getPrototypeOf(value) === Object.prototype
	);
}

export function jsonEqual(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (Array.isArray(a)) {
		return Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
	}
	if (isPlainObject(a) && isPlainObject(b)) {
		const keys = Object.keys(a).filter((key) => a[key] !== undefined);
		const otherKeys = Object.keys(b).filter((key) => b[key] !== undefined);
		return keys.length === otherKeys.length && keys.every((key) => jsonEqual(a[key], b[key]));
	}
	return false;
}

function plainValue(value: unknown): unknown {
	return value instanceof Y.AbstractType ? value.toJSON() : value;
}

/** A new nested map is built whole: a Y.Map cannot be read before it joins a doc. */
function nestedMap(value: JsonObject): Y.Map<unknown> {
	return new Y.Map<unknown>(
		Object.entries(value)
			.filter(([, entry]) => entry !== undefined)
			.map(([key, entry]) => [key, isPlainObject(entry) ? nestedMap(entry) : entry])
	);
}

/** Brings `map` to `next` with the fewest changes, so untouched fields keep their history. */
function writeMap(map: Y.Map<unknown>, next: JsonObject): void {
	for (const key of [...map.keys()]) {
		if (next[key] === undefined) map.delete(key);
	}
	for (const [key, value] of Object.entries(next)) writeField(map, key, value);
}

function writeField(map: Y.Map<unknown>, key: string, value: unknown): void {
	const current = map.get(key);
	if (value === undefined) {
		if (map.has(key)) map.delete(key);
	} else if (isPlainObject(value)) {
		if (current instanceof Y.Map) writeMap(current, value);
		else map.set(key, nestedMap(value));
	} else if (!jsonEqual(plainValue(current), value)) {
		map.set(key, value);
	}
}

function fieldsOf(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap(FIELDS);
}

function metaOf(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap(META);
}

function pick(source: JsonObject, keys: (key: string) => boolean): JsonObject {
	return Object.fromEntries(Object.entries(source).filter(([key]) => keys(key)));
}

export function readRecord(
	doc: Y.Doc,
	rule?: Pick<FreezeRule<unknown>, 'mutableFields'>
): RecordView {
	const raw = fieldsOf(doc).toJSON() as JsonObject;
	const meta = metaOf(doc);
	const frozenValue = meta.get('frozen');
	const frozen = isPlainObject(frozenValue) ? frozenValue : undefined;
	const mutable = new Set(rule?.mutableFields ?? []);
	const record = frozen ? { ...frozen, ...pick(raw, (key) => mutable.has(key)) } : raw;
	return {
		record,
		raw,
		frozen,
		meta: {
			createdAt: String(meta.get('createdAt') ?? ''),
			updatedAt: String(meta.get('updatedAt') ?? ''),
			schemaVersion: Number(meta.get('schemaVersion') ?? 1),
			deleted: meta.get('deleted') === true
		}
	};
}

export interface RecordChange {
	docId: string;
	record: JsonObject;
	createdAt: string;
	updatedAt: string;
	schemaVersion: number;
}

/**
 * Writes a saved record into its doc. On an issued record only the mutable fields may differ from
 * the frozen ones (FrozenRecordError otherwise); the save that issues it writes the freeze.
 */
export function writeRecord(doc: Y.Doc, change: RecordChange, rule?: FreezeRule<unknown>): void {
	const { frozen } = readRecord(doc, rule);
	const mutable = new Set(rule?.mutableFields ?? []);
	const meta = metaOf(doc);
	if (frozen) {
		const immutable = new Set([...Object.keys(frozen), ...Object.keys(change.record)]);
		const changed = [...immutable].filter(
			(key) => !mutable.has(key) && !jsonEqual(frozen[key], change.record[key])
		);
		if (changed.length > 0) throw new FrozenRecordError(change.docId, changed.sort());
	}
	doc.transact(() => {
		const fields = fieldsOf(doc);
		if (frozen) {
			for (const key of mutable) writeField(fields, key, change.record[key]);
		} else {
			writeMap(fields, change.record);
		}
		if (!frozen && rule?.isFrozen(change.record)) {
			meta.set(
				'frozen',
				pick(change.record, (key) => !mutable.has(key) && change.record[key] !== undefined)
			);
		}
		if (meta.get('createdAt') === undefined) meta.set('createdAt', change.createdAt);
		if (meta.get('updatedAt') !== change.updatedAt) meta.set('updatedAt', change.updatedAt);
		if (meta.get('schemaVersion') !== change.schemaVersion) {
			meta.set('schemaVersion', change.schemaVersion);
		}
		if (meta.get('deleted') === true) meta.set('deleted', false);
	}, 'local');
}

export function markDeleted(
	doc: Y.Doc,
	docId: string,
	at: string,
	rule?: FreezeRule<unknown>
): void {
	const { frozen } = readRecord(doc, rule);
	if (frozen) throw new FrozenRecordError(docId, ['deleted']);
	doc.transact(() => {
		const meta = metaOf(doc);
		meta.set('deleted', true);
		meta.set('updatedAt', at);
		if (meta.get('createdAt') === undefined) meta.set('createdAt', at);
	}, 'local');
}

/**
 * Fields of a frozen record whose live value an update changed to something other than the
 * frozen value, or that the freeze itself overrode: edits that were not applied.
 */
export function rejectedFields(
	before: RecordView,
	after: RecordView,
	rule?: Pick<FreezeRule<unknown>, 'mutableFields'>
): string[] {
	const frozen = after.frozen;
	if (!frozen) return [];
	const mutable = new Set(rule?.mutableFields ?? []);
	const keys = new Set([...Object.keys(after.raw), ...Object.keys(frozen)]);
	return [...keys]
		.filter((key) => !mutable.has(key))
		.filter((key) => !jsonEqual(after.raw[key], frozen[key]))
		.filter((key) => !before.frozen || !jsonEqual(after.raw[key], before.raw[key]))
		.sort();
}

/** Runs `change` and returns the Yjs update it produced (undefined when nothing changed). */
export function captureUpdate(doc: Y.Doc, change: () => void): Uint8Array | undefined {
	const updates: Uint8Array[] = [];
	const listener = (update: Uint8Array) => updates.push(update);
	doc.on('update', listener);
	try {
		change();
	} finally {
		doc.off('update', listener);
	}
	if (updates.length === 0) return undefined;
	return updates.length === 1 ? updates[0] : Y.mergeUpdates(updates);
}

export function docFromUpdates(updates: readonly Uint8Array[]): Y.Doc {
	// A record doc has no subdocs, so its guid is never used; Yjs's default guid costs 31 calls
	// to crypto.getRandomValues, which a new device's first sync would pay for every record.
	const doc = new Y.Doc({ guid: 'billfold-record' });
	if (updates.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(updates as Uint8Array[]), 'load');
	return doc;
}

export function snapshotOf(doc: Y.Doc): Uint8Array {
	return Y.encodeStateAsUpdate(doc);
}

export function applyUpdates(doc: Y.Doc, updates: readonly Uint8Array[], origin: string): void {
	doc.transact(() => {
		for (const update of updates) Y.applyUpdate(doc, update, origin);
	}, origin);
}

export function mergeUpdates(updates: readonly Uint8Array[]): Uint8Array {
	return Y.mergeUpdates(updates as Uint8Array[]);
}
