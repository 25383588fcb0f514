export { ITEM_SCHEMA_VERSION, itemSchema, type Item } from './item';
export { lineFromItem, type LineFromItem } from './item-to-line';
