import { toUbl } from '$lib/ubl';
import { EXPRESSIONS } from '../src/lib/peppol-rules/compiled/rules.generated';
import { nodeValidator } from '../src/lib/peppol-rules/node';
import { sampleUblDocument } from './bench/browser/ubl-sample';
const times = new Map<string, { ms: number; calls: number }>();
for (const [k, fn] of EXPRESSIONS) {
	const t = { ms: 0, calls: 0 };
	times.set(k, t);
	EXPRESSIONS.set(k, (f, v) => { const s = performance.now(); try { return fn(f, v); } finally { t.ms += performance.now() - s; t.calls++; } });
}
const validator = await nodeValidator();
const xml = toUbl(sampleUblDocument(200)).xml;
validator.validate(xml);
for (const t of times.values()) { t.ms = 0; t.calls = 0; }
const s = performance.now();
validator.validate(xml);
console.log('total', performance.now() - s);
for (const [k, t] of [...times].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25)) console.log(t.ms.toFixed(1).padStart(7), String(t.calls).padStart(5), k.replace(/\s+/g, ' ').slice(0, 230));
