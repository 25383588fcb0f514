// The import rules of docs/architecture.md §2, one block per layer, so a wrong import fails `npm run lint`.
import { dirname, relative, resolve, sep } from 'node:path';

const domain = [
	'money',
	'vat',
	'invoice',
	'numbering',
	'contacts',
	'items',
	'legal',
	'payment',
	'bank',
	'document',
	'units',
	'language',
	'recurring',
	'reminders'
];
// Generic helpers every layer may use, the UI included (bytes as text, CSV, dates by Intl): pure, and knowing
// nothing of invoices; xml holds the one guard every reader of outside XML runs.
const shared = ['bytes', 'csv', 'dates', 'xml'];
const dir = (name) => `src/lib/${name}/**`;
const lib = (name) => [`$lib/${name}`, `$lib/${name}/*`];

const impure = [
	{
		group: ['svelte', 'svelte/*', '$app/*', '$env/*'],
		message: 'The pure core must not depend on Svelte or SvelteKit.'
	},
	{
		group: ['dexie', 'yjs', 'y-*'],
		message: 'The pure core must not touch storage or sync libraries.'
	},
	{
		group: ['node:*', 'fs', 'path', 'crypto', 'http', 'https'],
		message: 'The pure core runs unchanged in the browser: no Node built-ins.'
	}
];
const infra = [
	'storage',
	'sync',
	'send',
	'relay',
	'rules-worker',
	'state',
	'ui',
	'components'
].flatMap(lib);
/**
 * A glob of the patterns below as a RegExp: `*` stays within one path segment, and a match also
 * covers everything below it (`svelte` bans `svelte/store`, `$lib/storage/*` bans `$lib/storage/db/x`).
 */
function globRegExp(glob) {
	const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '[^/]*');
	return new RegExp(`^${escaped}(?:/.*)?$`);
}

/** `../storage/db` from a file in src/lib/sync is `$lib/storage/db`: the name the patterns use. */
function canonical(specifier, filename, cwd) {
	if (!specifier.startsWith('./') && !specifier.startsWith('../')) return specifier;
	const target = relative(cwd, resolve(dirname(filename), specifier))
		.split(sep)
		.join('/');
	return target.startsWith('src/lib/') ? `$lib/${target.slice('src/lib/'.length)}` : target;
}

function literalSource(node) {
	if (node?.type === 'Literal' && typeof node.value === 'string') return node.value;
	if (node?.type === 'TemplateLiteral' && node.expressions.length === 0)
		return node.quasis[0]?.value.cooked ?? undefined;
	return undefined;
}

/**
 * ESLint's no-restricted-imports sees only static imports, spelt as written: `import('$lib/storage')`
 * and `'../storage/db'` slipped past it. This rule checks static and dynamic imports and
 * re-exports, with relative paths resolved to the `$lib/…` name of the layer they land in.
 */
const importsRule = {
	meta: {
		type: 'problem',
		schema: [
			{
				type: 'object',
				properties: { patterns: { type: 'array' } },
				required: ['patterns'],
				additionalProperties: false
			}
		],
		messages: { restricted: "'{{specifier}}' is not allowed here. {{reason}}" }
	},
	create(context) {
		const rules = context.options[0].patterns.map((pattern) =>
			pattern.regex
				? {
						matches: [new RegExp(pattern.regex, pattern.caseSensitive ? '' : 'i')],
						message: pattern.message
					}
				: { matches: pattern.group.map(globRegExp), message: pattern.message }
		);
		const check = (node, source) => {
			const specifier = literalSource(source);
			if (specifier === undefined) return;
			const names = new Set([specifier, canonical(specifier, context.filename, context.cwd)]);
			const broken = rules.find((rule) =>
				rule.matches.some((regex) => [...names].some((name) => regex.test(name)))
			);
			if (broken)
				context.report({
					node,
					messageId: 'restricted',
					data: { specifier, reason: broken.message }
				});
		};
		return {
			ImportDeclaration: (node) => check(node, node.source),
			ExportNamedDeclaration: (node) => check(node, node.source),
			ExportAllDeclaration: (node) => check(node, node.source),
			ImportExpression: (node) => check(node, node.source)
		};
	}
};
const layersPlugin = { rules: { imports: importsRule } };

const restrict = (files, patterns) => ({
	files,
	plugins: { layers: layersPlugin },
	rules: { 'layers/imports': ['error', { patterns }] }
});
const ban = (groups, message) => ({ group: groups, message });
const pureGlobals = {
	'no-restricted-globals': [
		'error',
		...['window', 'document', 'indexedDB', 'localStorage', 'fetch', 'process', 'navigator'].map(
			(name) => ({
				name,
				message: 'The pure core gets its effects as parameters.'
			})
		)
	],
	'no-restricted-syntax': [
		'error',
		{
			selector: "NewExpression[callee.name='Date'][arguments.length=0]",
			message: 'Pass today in; the domain has no clock.'
		},
		{
			selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
			message: 'Pass today in; the domain has no clock.'
		},
		{
			selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
			message: 'Pass randomness in.'
		},
		{ selector: "CallExpression[callee.property.name='randomUUID']", message: 'Pass new ids in.' }
	]
};

export const layerRules = [
	// The wire format the app and the relay share (relay/src/protocol, the app's $protocol): the
	// relay compiles it alone and the browser bundles it, so it depends on nothing but zod.
	{
		files: ['relay/src/protocol/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							regex: '^(?!zod$|\\./[\\w-]+\\.js$)',
							message: 'The protocol may import only zod and its sibling files (./name.js).'
						}
					]
				}
			],
			...pureGlobals
		}
	},
	restrict(domain.map(dir), [
		...impure,
		ban(
			[...infra, ...lib('ubl'), ...lib('pdf')],
			'The domain may not import serializers, infrastructure or UI.'
		)
	]),
	restrict(shared.map(dir), [
		...impure,
		ban(
			[...[...domain, 'ubl', 'pdf', 'peppol-rules'].flatMap(lib), ...infra],
			'shared helpers import nothing of the app.'
		)
	]),
	{
		files: [...domain, ...shared, 'ubl', 'pdf', 'accountant', 'peppol-rules'].map(
			(d) => `src/lib/${d}/**/*.ts`
		),
		ignores: ['**/*.spec.ts', 'src/lib/peppol-rules/node.ts'],
		rules: pureGlobals
	},
	// Reading a received invoice or credit note is domain work: pure, like the domain, so it runs
	// unchanged in the tab, a worker, vitest and the bench.
	(() => {
		const pure = restrict(
			['src/lib/inbox/purchase-*.ts'],
			[
				...impure,
				ban(
					[...infra, ...lib('ubl'), ...lib('pdf')],
					'the purchase-document parser is domain code: no serializers, infrastructure or UI.'
				)
			]
		);
		return { ...pure, ignores: ['**/*.spec.ts'], rules: { ...pure.rules, ...pureGlobals } };
	})(),
	restrict(
		[dir('ubl')],
		[
			...impure,
			ban(
				[...infra, ...lib('pdf')],
				'ubl takes domain values only; it must not import pdf, storage or UI.'
			)
		]
	),
	// The official-rules checker reads UBL text and returns findings: it sits beside the
	// serializers and runs unchanged in a browser worker; only its Node loader reads files.
	{
		...restrict(
			[dir('peppol-rules')],
			[
				...impure,
				ban(
					[...infra, ...lib('ubl'), ...lib('pdf')],
					'peppol-rules checks UBL text only; it must not import ubl, pdf, storage or UI.'
				)
			]
		),
		ignores: ['src/lib/peppol-rules/node.ts', 'src/lib/peppol-rules/**/*.spec.ts']
	},
	restrict(
		[dir('pdf')],
		[
			...impure.slice(0, 2),
			ban(
				[...infra, ...lib('ubl')],
				'pdf takes domain values only; it must not import ubl, storage or UI.'
			),
			// The PDF worker prints these numbers and never checks one: the checking files would
			// load jsvat and the company-lookup wire schemas (zod) before its first PDF.
			ban(
				[
					'$lib/contacts/vat-number',
					'$lib/contacts/enterprise-number',
					'jsvat',
					'$protocol/company-lookup'
				],
				'pdf prints enterprise and VAT numbers from $lib/contacts/enterprise-number-format.'
			)
		]
	),
	// The accountant's ZIP packs domain records and files the serializers made: pure, like them.
	restrict(
		[dir('accountant')],
		[
			...impure,
			ban(
				[...infra, ...lib('ubl'), ...lib('pdf')],
				'the accountant export packs domain values and given files; it renders and stores nothing.'
			)
		]
	),
	// The one relay client, credentials type and events socket; sync, send and state consume it.
	restrict(
		[dir('relay')],
		[
			ban(
				[
					...['storage', 'sync', 'send', 'ubl', 'pdf', 'state', 'ui', 'components'].flatMap(lib),
					'dexie',
					'yjs',
					'svelte',
					'$app/*'
				],
				'relay speaks the wire protocol only; its consumers bring storage and state.'
			)
		]
	),
	restrict(
		[dir('storage')],
		[
			ban(
				[
					...['sync', 'send', 'relay', 'ubl', 'pdf', 'state', 'ui', 'components'].flatMap(lib),
					'yjs',
					'svelte',
					'$app/*'
				],
				'storage sits below sync, send, relay, serializers, state and UI.'
			)
		]
	),
	restrict(
		[dir('sync')],
		[
			ban(
				[...['send', 'ubl', 'pdf', 'state', 'ui', 'components'].flatMap(lib), 'svelte', '$app/*'],
				'sync may use storage, the relay client and domain types only.'
			)
		]
	),
	restrict(
		[dir('send')],
		[
			ban(
				[...['sync', 'state', 'ui', 'components'].flatMap(lib), 'svelte', '$app/*'],
				'send may use domain, serializers, storage and the relay client only.'
			)
		]
	),
	// The worker that runs the official rules: it serves peppol-rules to the tab and knows
	// nothing of invoices, storage or the UI.
	restrict(
		[dir('rules-worker')],
		[
			ban(
				[
					...['storage', 'sync', 'send', 'ubl', 'pdf', 'state', 'ui', 'components'].flatMap(lib),
					'svelte',
					'$app/*'
				],
				'rules-worker serves peppol-rules only; state builds the UBL and reads the findings.'
			)
		]
	),
	restrict(
		[dir('state')],
		[
			ban(
				['$lib/ui', '$lib/ui/*', '$lib/components', '$lib/components/*'],
				'state must not import components.'
			),
			// Components are PascalCase .svelte files; rune modules (seller.svelte.ts) are imported
			// as './seller.svelte' and stay allowed.
			{
				regex: '(^|/)[A-Z][\\w-]*\\.svelte$',
				caseSensitive: true,
				message: 'state must not import components.'
			}
		]
	),
	restrict(
		[dir('ui')],
		[
			ban(
				[
					...domain,
					'ubl',
					'pdf',
					'accountant',
					'storage',
					'sync',
					'send',
					'relay',
					'state',
					'components'
				].flatMap(lib),
				'ui primitives know nothing of invoices.'
			)
		]
	),
	restrict(
		['src/lib/components/**', 'src/routes/**'],
		[
			ban(
				[...['storage', 'sync', 'send', 'relay', 'rules-worker'].flatMap(lib), 'dexie', 'yjs'],
				'UI reaches effects only through $lib/state.'
			)
		]
	)
];
