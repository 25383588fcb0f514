import type { BillfoldDb } from './db';
import type { Parser } from './record-store';
import { NamedRecordsRepo, type NamedIndexFields } from './named-records.repo';

export type ItemIndexFields = NamedIndexFields;

export class ItemsRepo<T extends ItemIndexFields> extends NamedRecordsRepo<T> {
	constructor(db: BillfoldDb, parser: Parser<T>) {
		super(db.items, parser);
	}
}
