import { describe, expect, it } from 'vitest';
import { buildItem, buildTextItem } from '../../../tests/factories';
import { lineFromItem } from './item-to-line';

describe('lineFromItem', () => {
	it('keeps a text item’s name in front of its text', () => {
		expect(lineFromItem(buildTextItem({ name: 'Warranty', description: 'Two years.' }))).toEqual({
			type: 'text',
			text: 'Warranty – Two years.'
		});
	});

	it('uses the name alone when a text item has no description', () => {
		expect(lineFromItem(buildTextItem({ name: 'Thank you!', description: undefined }))).toEqual({
			type: 'text',
			text: 'Thank you!'
		});
	});

	it('names a priced line by the item’s name and description', () => {
		const line = lineFromItem(buildItem({ name: 'Consultancy', description: 'on site' }));
		expect(line).toMatchObject({ type: 'item', description: 'Consultancy – on site' });
	});
});
