export { ITEM_SCHEMA_VERSION, itemSchema, type Item } from './item';
export { lineFromItem, type LineFromItem } from './item-to-line';
export {
	blankItemValues,
	checkItemValues,
	defaultVatCodeId,
	itemFromValues,
	itemMatches,
	itemValuesOf,
	itemValuesSchema,
	parseUnitPrice,
	type ItemErrors,
	type ItemField,
	type ItemProblem,
	type ItemValues
} from './item-form';
