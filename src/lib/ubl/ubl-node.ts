import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import { centsToDecimalString, type Cents } from '$lib/money';
import { NAMESPACES } from './codes';

export type Attributes = Readonly<Record<string, string>>;

/**
 * A UBL element under construction. xmlbuilder2 escapes every text and attribute value; this
 * wrapper adds the cac/cbc namespaces and never writes an empty element (PEPPOL-EN16931-R008).
 */
export class UblNode {
	constructor(private readonly node: XMLBuilder) {}

	/** An aggregate (cac:) child. */
	cac(name: string): UblNode {
		return new UblNode(this.node.ele(NAMESPACES.cac, `cac:${name}`));
	}

	/** A basic (cbc:) child with a value; nothing at all when the value is absent or empty. */
	cbc(name: string, value: string | undefined, attributes?: Attributes): this {
		if (value === undefined || value === '') return this;
		this.node.ele(NAMESPACES.cbc, `cbc:${name}`, attributes).txt(value);
		return this;
	}

	/** An amount in the document currency, always with two decimals (BR-DEC-*). */
	amount(name: string, cents: Cents, currency: string): this {
		return this.cbc(name, centsToDecimalString(cents), { currencyID: currency });
	}
}

export interface UblRoot {
	node: UblNode;
	serialize(): string;
}

/** The document element with the default UBL namespace and the cac/cbc prefixes declared once. */
export function createUblRoot(rootName: string, namespace: string): UblRoot {
	const root = create({ version: '1.0', encoding: 'UTF-8' })
		.ele(namespace, rootName)
		.att(NAMESPACES.xmlns, 'xmlns:cac', NAMESPACES.cac)
		.att(NAMESPACES.xmlns, 'xmlns:cbc', NAMESPACES.cbc);
	return {
		node: new UblNode(root),
		serialize: () => root.end({ prettyPrint: true })
	};
}
