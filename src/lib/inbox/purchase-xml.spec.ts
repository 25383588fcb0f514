import { describe, expect, it } from 'vitest';
import { utf8 } from '$lib/bytes';
import { PurchaseReadError, at, children, readUblTree, textAt } from './purchase-xml';

const CAC = 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2';
const CBC = 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2';

describe('readUblTree', () => {
	it('names elements canonically whatever the prefix, and keeps leaf text trimmed', () => {
		const { kind, root } = readUblTree(
			utf8(`<x:CreditNote xmlns:x="urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2" xmlns:p="${CAC}">
				<q:ID xmlns:q="${CBC}">  CN-1 </q:ID>
				<p:AccountingSupplierParty><p:Party><EndpointID xmlns="${CBC}" schemeID="0208">0417497106</EndpointID></p:Party></p:AccountingSupplierParty>
			</x:CreditNote>`)
		);
		expect(kind).toBe('credit-note');
		expect(root.name).toBe('CreditNote');
		expect(textAt(root, 'cbc:ID')).toBe('CN-1');
		const endpoint = at(root, 'cac:AccountingSupplierParty', 'cac:Party', 'cbc:EndpointID');
		expect(endpoint).toMatchObject({
			text: '0417497106',
			attributes: { schemeID: '0208' },
			line: 3
		});
	});

	it('keeps a foreign element without its content, and an empty element as absent text', () => {
		const { root } = readUblTree(
			utf8(`<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cbc="${CBC}">
				<e:Signature xmlns:e="urn:example:sig"><cbc:ID>inside</cbc:ID><e:Deep><e:Deeper/></e:Deep></e:Signature>
				<cbc:ID/><cbc:Note><![CDATA[a < b]]></cbc:Note>
			</Invoice>`)
		);
		expect(root.children.map((element) => element.name)).toEqual([
			'{urn:example:sig}Signature',
			'cbc:ID',
			'cbc:Note'
		]);
		expect(root.children[0]!.children).toEqual([]);
		expect(textAt(root, 'cbc:ID')).toBeUndefined();
		expect(textAt(root, 'cbc:Note')).toBe('a < b');
		expect(children(root, 'cbc:Note')).toHaveLength(1);
	});

	it('stops at a root that is not UBL, before reading on', () => {
		const problem = (() => {
			try {
				readUblTree(utf8('<html><body>' + '<p>'.repeat(10) + '</html>'));
			} catch (error) {
				if (error instanceof PurchaseReadError) return error.problem;
			}
			return undefined;
		})();
		expect(problem).toMatchObject({ code: 'not-ubl', where: 'line 1' });
	});
});
