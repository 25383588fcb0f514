import path from 'node:path';
import { z } from 'zod';
import { isAddressOrRange, type PrivateAddressAllowance } from './peppol/address-policy.js';
import { parseSecretKey } from './access-point/secret-box.js';
import { faultRulesSchema, type FaultRule } from './storage/fault-injection.js';

/**
 * The relay's whole configuration, parsed once from environment variables. Nothing else reads
 * process.env. Every variable is documented in relay/README.md.
 */
export interface Config {
	host: string;
	port: number;
	publicUrl: string | undefined;
	dataDir: string;
	/** postgres://… puts every store on PostgreSQL, shared by any number of relay processes. */
	databaseUrl: string | undefined;
	staticDir: string;
	inviteToken: string | undefined;
	openRegistration: boolean;
	logLevel: 'debug' | 'info' | 'warn' | 'error';
	limits: {
		maxRequestBytes: number;
		maxJsonBytes: number;
		maxAttachmentBytes: number;
		/** The UBL embeds the PDF and the attachments (base64), so it gets its own cap. */
		maxUblBytes: number;
		maxAttachments: number;
		rateLimitPerMinute: number;
		rateLimitBurst: number;
		sendQuotaPerDay: number;
		sendQuotaPerDayTotal: number;
		maxIssueDateSkewDays: number;
	};
	outbox: {
		retryBaseMs: number;
		retryMaxMs: number;
		maxAttempts: number;
		concurrency: number;
		retentionMs: number;
		sweepIntervalMs: number;
		/** PostgreSQL: how long a claimed job stays with its process before another may take it. */
		leaseMs: number;
	};
	inbox: {
		pollMs: number;
		pollMaxMs: number;
		maxDocumentBytes: number;
		/** PostgreSQL: how long a workspace's poll stays with its process (renewed while it runs). */
		leaseMs: number;
		/** A document no device pulled is deleted after this long all the same. */
		maxAgeMs: number;
	};
	mail: {
		smtpUrl: string | undefined;
		from: string | undefined;
		timeoutMs: number;
	};
	peppol: {
		smlZone: string;
		dnsServers: string[];
		dnsTimeoutMs: number;
		smpAllowHttp: boolean;
		/** Loopback and private SMP addresses the relay may reach (tests, in-house SMPs); none by default. */
		smpPrivateAddresses: PrivateAddressAllowance;
		smpTimeoutMs: number;
		cacheTtlMs: number;
	};
	/** The EU VIES register, asked for a company's name and address (company lookup). */
	vies: {
		url: string;
		timeoutMs: number;
		cacheTtlMs: number;
		lookupsPerMinute: number;
	};
	accessPoint:
		| { kind: 'none' }
		| {
				kind: 'recommand';
				baseUrl: string;
				apiKey: string;
				apiSecret: string;
				companyId: string;
				timeoutMs: number;
		  };
	/** Where each Peppol provider's API lives (never chosen by users), and how sends are followed. */
	providers: {
		recommandUrl: string;
		letsPeppolUrl: string;
		letsPeppolKycUrl: string;
		timeoutMs: number;
		pollMs: number;
		followMs: number;
	};
	/** Seals stored provider credentials; undefined means the data directory's key file. */
	secretKey: Buffer | undefined;
	ws: {
		authTimeoutMs: number;
		heartbeatMs: number;
		/** Sockets one address may hold open before they authenticate. */
		maxPendingPerAddress: number;
		upgradesPerMinute: number;
		upgradeBurst: number;
	};
	/** Reverse proxies in front of the relay; 0 means X-Forwarded-For is ignored. */
	trustProxyHops: number;
	/** Storage operations that fail on purpose (BILLFOLD_TEST_FAULTS); empty outside fault tests. */
	testFaults: FaultRule[];
}

export class ConfigError extends Error {
	constructor(readonly problems: string[]) {
		super(`Invalid relay configuration:\n  ${problems.join('\n  ')}`);
		this.name = 'ConfigError';
	}
}

/** An unset or empty variable means "use the default". */
const optional = <T extends z.ZodType>(schema: T) =>
	z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const integer = (fallback: number, min: number, max: number) =>
	z.preprocess(
		(value) => (value === '' || value === undefined ? fallback : Number(value)),
		z.number().int().min(min).max(max)
	);

const decimal = (fallback: number, min: number, max: number) =>
	z.preprocess(
		(value) => (value === '' || value === undefined ? fallback : Number(value)),
		z.number().min(min).max(max)
	);

const flag = (fallback: boolean) =>
	z.preprocess(
		(value) =>
			value === '' || value === undefined ? String(fallback) : String(value).toLowerCase(),
		z
			.enum(['true', 'false', '1', '0', 'yes', 'no'])
			.transform((v) => v === 'true' || v === '1' || v === 'yes')
	);

/** `false` (no proxy), `true` (one proxy) or the number of proxies in front of the relay. */
const proxyHops = z.preprocess(
	(value) => {
		const text = value === undefined ? 'false' : String(value).trim().toLowerCase();
		if (text === '' || text === 'false' || text === 'no') return 0;
		if (text === 'true' || text === 'yes') return 1;
		return /^\d+$/.test(text) ? Number(text) : text;
	},
	z.number({ error: 'must be true, false or a number of proxy hops' }).int().min(0).max(16)
);

const hostPort = /^(\d{1,3}(\.\d{1,3}){3}|\[[0-9a-fA-F:]+\])(:\d{1,5})?$/;

const envSchema = z.object({
	BILLFOLD_HOST: optional(z.string().min(1)).default('127.0.0.1'),
	BILLFOLD_PORT: integer(8787, 0, 65535),
	BILLFOLD_PUBLIC_URL: optional(z.url({ protocol: /^https?$/ })),
	BILLFOLD_DATA_DIR: optional(z.string().min(1)),
	BILLFOLD_DATABASE_URL: optional(
		z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' })
	),
	BILLFOLD_STATIC_DIR: optional(z.string().min(1)),
	BILLFOLD_INVITE_TOKEN: optional(z.string().min(16, 'must be at least 16 characters').max(200)),
	BILLFOLD_OPEN_REGISTRATION: flag(false),
	BILLFOLD_LOG_LEVEL: optional(z.enum(['debug', 'info', 'warn', 'error'])).default('info'),
	BILLFOLD_MAX_REQUEST_BYTES: integer(16 * 1024 * 1024, 64 * 1024, 256 * 1024 * 1024),
	BILLFOLD_MAX_JSON_BYTES: integer(64 * 1024, 1024, 16 * 1024 * 1024),
	BILLFOLD_MAX_ATTACHMENT_BYTES: integer(2 * 1024 * 1024, 1024, 64 * 1024 * 1024),
	BILLFOLD_MAX_UBL_BYTES: integer(8 * 1024 * 1024, 1024, 64 * 1024 * 1024),
	BILLFOLD_MAX_ATTACHMENTS: integer(10, 0, 100),
	BILLFOLD_RATE_LIMIT_PER_MINUTE: integer(600, 1, 10_000_000),
	BILLFOLD_RATE_LIMIT_BURST: integer(120, 1, 10_000_000),
	BILLFOLD_SEND_QUOTA_PER_DAY: integer(500, 0, 10_000_000),
	BILLFOLD_SEND_QUOTA_PER_DAY_TOTAL: integer(2000, 0, 100_000_000),
	BILLFOLD_MAX_ISSUE_DATE_SKEW_DAYS: integer(2, 0, 366),
	BILLFOLD_RETRY_BASE_MS: integer(5_000, 1, 24 * 3600 * 1000),
	BILLFOLD_RETRY_MAX_MS: integer(3600 * 1000, 1, 7 * 24 * 3600 * 1000),
	BILLFOLD_MAX_ATTEMPTS: integer(12, 1, 1000),
	BILLFOLD_WORKER_CONCURRENCY: integer(4, 1, 64),
	BILLFOLD_OUTBOX_LEASE_MS: integer(10 * 60 * 1000, 1000, 24 * 3600 * 1000),
	BILLFOLD_RETENTION_HOURS: decimal(168, 0, 24 * 3650),
	BILLFOLD_RETENTION_SWEEP_SECONDS: decimal(300, 0.01, 24 * 3600),
	BILLFOLD_SMTP_URL: optional(z.url({ protocol: /^smtps?$/ })),
	BILLFOLD_MAIL_FROM: optional(z.email()),
	BILLFOLD_SMTP_TIMEOUT_MS: integer(30_000, 100, 600_000),
	BILLFOLD_SML_ZONE: optional(z.string().regex(/^[a-z0-9.-]+$/i, 'must be a DNS zone')).default(
		'participant.sml.prod.tech.peppol.org'
	),
	BILLFOLD_DNS_SERVERS: optional(
		z
			.string()
			.transform((v) => v.split(',').map((s) => s.trim()))
			.pipe(z.array(z.string().regex(hostPort, 'must be ip or ip:port (IPv6 in brackets)')))
	),
	BILLFOLD_DNS_TIMEOUT_MS: integer(5_000, 10, 60_000),
	BILLFOLD_SMP_ALLOW_HTTP: flag(true),
	BILLFOLD_SMP_ALLOW_PRIVATE_ADDRESSES: optional(
		z
			.string()
			.transform((v): PrivateAddressAllowance => {
				const lower = v.trim().toLowerCase();
				if (['false', '0', 'no'].includes(lower)) return 'none';
				if (['true', '1', 'yes'].includes(lower)) return 'all';
				return v.split(',').map((s) => s.trim());
			})
			.refine(
				(v) => typeof v === 'string' || v.every(isAddressOrRange),
				'must be true, false or a comma-separated list of IP addresses and CIDR ranges'
			)
	).default('none'),
	BILLFOLD_SMP_TIMEOUT_MS: integer(10_000, 10, 120_000),
	BILLFOLD_PEPPOL_CACHE_TTL_SECONDS: integer(3600, 0, 30 * 24 * 3600),
	// The VIES REST API's base (https://ec.europa.eu/taxation_customs/vies/#/technical-information).
	BILLFOLD_VIES_URL: optional(z.url({ protocol: /^https?$/ })).default(
		'https://ec.europa.eu/taxation_customs/vies/rest-api'
	),
	BILLFOLD_VIES_TIMEOUT_MS: integer(10_000, 100, 120_000),
	BILLFOLD_VIES_CACHE_HOURS: decimal(24, 0, 24 * 90),
	BILLFOLD_VIES_LOOKUPS_PER_MINUTE: integer(20, 1, 10_000),
	BILLFOLD_ACCESS_POINT: optional(z.enum(['none', 'recommand'])).default('none'),
	BILLFOLD_RECOMMAND_URL: optional(z.url({ protocol: /^https?$/ })).default(
		'https://app.recommand.eu'
	),
	BILLFOLD_RECOMMAND_API_KEY: optional(z.string().min(1)),
	BILLFOLD_RECOMMAND_API_SECRET: optional(z.string().min(1)),
	BILLFOLD_RECOMMAND_COMPANY_ID: optional(
		z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'must be a company id')
	),
	BILLFOLD_ACCESS_POINT_TIMEOUT_MS: integer(30_000, 100, 600_000),
	// From Let's Peppol's own deployment (app/ui/nginx.dev.conf: /kyc/ and /proxy/ on login.letspeppol.org).
	BILLFOLD_LETSPEPPOL_URL: optional(z.url({ protocol: /^https?$/ })).default(
		'https://login.letspeppol.org/proxy'
	),
	BILLFOLD_LETSPEPPOL_KYC_URL: optional(z.url({ protocol: /^https?$/ })).default(
		'https://login.letspeppol.org/kyc'
	),
	BILLFOLD_ACCESS_POINT_POLL_MS: integer(5_000, 1, 600_000),
	BILLFOLD_ACCESS_POINT_FOLLOW_MS: integer(60_000, 0, 3_600_000),
	BILLFOLD_INBOX_POLL_MS: integer(60_000, 10, 3_600_000),
	BILLFOLD_INBOX_POLL_MAX_MS: integer(900_000, 10, 24 * 3600 * 1000),
	// The adapters read at most 16 MiB of a provider's answer (access-point/provider-http.ts).
	BILLFOLD_INBOX_MAX_DOCUMENT_BYTES: integer(10 * 1024 * 1024, 1024, 16 * 1024 * 1024),
	BILLFOLD_INBOX_LEASE_MS: integer(120_000, 300, 3_600_000),
	BILLFOLD_INBOX_MAX_AGE_DAYS: decimal(90, 1, 3650),
	BILLFOLD_SECRET_KEY: optional(
		z.string().transform((v, ctx) => {
			const key = parseSecretKey(v);
			if (key === undefined) {
				ctx.addIssue({
					code: 'custom',
					message: 'must be 32 bytes: 64 hex digits or 43-44 base64 characters'
				});
				return z.NEVER;
			}
			return key;
		})
	),
	BILLFOLD_WS_AUTH_TIMEOUT_MS: integer(10_000, 10, 600_000),
	BILLFOLD_WS_HEARTBEAT_MS: integer(30_000, 10, 600_000),
	BILLFOLD_WS_MAX_PENDING_PER_ADDRESS: integer(16, 1, 100_000),
	BILLFOLD_WS_UPGRADES_PER_MINUTE: integer(60, 1, 10_000_000),
	BILLFOLD_WS_UPGRADE_BURST: integer(30, 1, 10_000_000),
	BILLFOLD_TRUST_PROXY: proxyHops,
	BILLFOLD_TEST_FAULTS: optional(faultRulesSchema)
});

/** relayDir is the package folder (relay/): defaults for data and the built app are relative to it. */
export function parseConfig(
	env: Readonly<Record<string, string | undefined>>,
	relayDir: string
): Config {
	const parsed = envSchema.safeParse(env);
	if (!parsed.success) {
		throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
	}
	const e = parsed.data;
	const problems: string[] = [];
	let accessPoint: Config['accessPoint'] = { kind: 'none' };
	if (e.BILLFOLD_ACCESS_POINT === 'recommand') {
		const missing = (
			[
				'BILLFOLD_RECOMMAND_API_KEY',
				'BILLFOLD_RECOMMAND_API_SECRET',
				'BILLFOLD_RECOMMAND_COMPANY_ID'
			] as const
		).filter((name) => e[name] === undefined);
		for (const name of missing)
			problems.push(`${name}: required when BILLFOLD_ACCESS_POINT=recommand`);
		if (missing.length === 0) {
			accessPoint = {
				kind: 'recommand',
				baseUrl: e.BILLFOLD_RECOMMAND_URL.replace(/\/+$/, ''),
				apiKey: e.BILLFOLD_RECOMMAND_API_KEY ?? '',
				apiSecret: e.BILLFOLD_RECOMMAND_API_SECRET ?? '',
				companyId: e.BILLFOLD_RECOMMAND_COMPANY_ID ?? '',
				timeoutMs: e.BILLFOLD_ACCESS_POINT_TIMEOUT_MS
			};
		}
	}
	if (e.BILLFOLD_RETRY_MAX_MS < e.BILLFOLD_RETRY_BASE_MS) {
		problems.push('BILLFOLD_RETRY_MAX_MS: must not be smaller than BILLFOLD_RETRY_BASE_MS');
	}
	if (e.BILLFOLD_MAX_JSON_BYTES > e.BILLFOLD_MAX_REQUEST_BYTES) {
		problems.push('BILLFOLD_MAX_JSON_BYTES: must not exceed BILLFOLD_MAX_REQUEST_BYTES');
	}
	if (problems.length > 0) throw new ConfigError(problems);

	return {
		host: e.BILLFOLD_HOST,
		port: e.BILLFOLD_PORT,
		publicUrl: e.BILLFOLD_PUBLIC_URL?.replace(/\/+$/, ''),
		dataDir: path.resolve(relayDir, e.BILLFOLD_DATA_DIR ?? 'data'),
		databaseUrl: e.BILLFOLD_DATABASE_URL,
		staticDir: path.resolve(relayDir, e.BILLFOLD_STATIC_DIR ?? '../build'),
		inviteToken: e.BILLFOLD_INVITE_TOKEN,
		openRegistration: e.BILLFOLD_OPEN_REGISTRATION,
		logLevel: e.BILLFOLD_LOG_LEVEL,
		limits: {
			maxRequestBytes: e.BILLFOLD_MAX_REQUEST_BYTES,
			maxJsonBytes: e.BILLFOLD_MAX_JSON_BYTES,
			maxAttachmentBytes: e.BILLFOLD_MAX_ATTACHMENT_BYTES,
			maxUblBytes: e.BILLFOLD_MAX_UBL_BYTES,
			maxAttachments: e.BILLFOLD_MAX_ATTACHMENTS,
			rateLimitPerMinute: e.BILLFOLD_RATE_LIMIT_PER_MINUTE,
			rateLimitBurst: e.BILLFOLD_RATE_LIMIT_BURST,
			sendQuotaPerDay: e.BILLFOLD_SEND_QUOTA_PER_DAY,
			sendQuotaPerDayTotal: e.BILLFOLD_SEND_QUOTA_PER_DAY_TOTAL,
			maxIssueDateSkewDays: e.BILLFOLD_MAX_ISSUE_DATE_SKEW_DAYS
		},
		outbox: {
			retryBaseMs: e.BILLFOLD_RETRY_BASE_MS,
			retryMaxMs: e.BILLFOLD_RETRY_MAX_MS,
			maxAttempts: e.BILLFOLD_MAX_ATTEMPTS,
			concurrency: e.BILLFOLD_WORKER_CONCURRENCY,
			retentionMs: Math.round(e.BILLFOLD_RETENTION_HOURS * 3600 * 1000),
			sweepIntervalMs: Math.round(e.BILLFOLD_RETENTION_SWEEP_SECONDS * 1000),
			leaseMs: e.BILLFOLD_OUTBOX_LEASE_MS
		},
		mail: {
			smtpUrl: e.BILLFOLD_SMTP_URL,
			from: e.BILLFOLD_MAIL_FROM,
			timeoutMs: e.BILLFOLD_SMTP_TIMEOUT_MS
		},
		peppol: {
			smlZone: e.BILLFOLD_SML_ZONE.toLowerCase().replace(/\.+$/, ''),
			dnsServers: e.BILLFOLD_DNS_SERVERS ?? [],
			dnsTimeoutMs: e.BILLFOLD_DNS_TIMEOUT_MS,
			smpAllowHttp: e.BILLFOLD_SMP_ALLOW_HTTP,
			smpPrivateAddresses: e.BILLFOLD_SMP_ALLOW_PRIVATE_ADDRESSES,
			smpTimeoutMs: e.BILLFOLD_SMP_TIMEOUT_MS,
			cacheTtlMs: e.BILLFOLD_PEPPOL_CACHE_TTL_SECONDS * 1000
		},
		vies: {
			url: e.BILLFOLD_VIES_URL.replace(/\/+$/, ''),
			timeoutMs: e.BILLFOLD_VIES_TIMEOUT_MS,
			cacheTtlMs: Math.round(e.BILLFOLD_VIES_CACHE_HOURS * 3600 * 1000),
			lookupsPerMinute: e.BILLFOLD_VIES_LOOKUPS_PER_MINUTE
		},
		accessPoint,
		providers: {
			recommandUrl: e.BILLFOLD_RECOMMAND_URL.replace(/\/+$/, ''),
			letsPeppolUrl: e.BILLFOLD_LETSPEPPOL_URL.replace(/\/+$/, ''),
			letsPeppolKycUrl: e.BILLFOLD_LETSPEPPOL_KYC_URL.replace(/\/+$/, ''),
			timeoutMs: e.BILLFOLD_ACCESS_POINT_TIMEOUT_MS,
			pollMs: e.BILLFOLD_ACCESS_POINT_POLL_MS,
			followMs: e.BILLFOLD_ACCESS_POINT_FOLLOW_MS
		},
		inbox: {
			pollMs: e.BILLFOLD_INBOX_POLL_MS,
			pollMaxMs: Math.max(e.BILLFOLD_INBOX_POLL_MS, e.BILLFOLD_INBOX_POLL_MAX_MS),
			maxDocumentBytes: e.BILLFOLD_INBOX_MAX_DOCUMENT_BYTES,
			leaseMs: e.BILLFOLD_INBOX_LEASE_MS,
			maxAgeMs: Math.round(e.BILLFOLD_INBOX_MAX_AGE_DAYS * 24 * 3600 * 1000)
		},
		secretKey: e.BILLFOLD_SECRET_KEY,
		ws: {
			authTimeoutMs: e.BILLFOLD_WS_AUTH_TIMEOUT_MS,
			heartbeatMs: e.BILLFOLD_WS_HEARTBEAT_MS,
			maxPendingPerAddress: e.BILLFOLD_WS_MAX_PENDING_PER_ADDRESS,
			upgradesPerMinute: e.BILLFOLD_WS_UPGRADES_PER_MINUTE,
			upgradeBurst: e.BILLFOLD_WS_UPGRADE_BURST
		},
		trustProxyHops: e.BILLFOLD_TRUST_PROXY,
		testFaults: e.BILLFOLD_TEST_FAULTS ?? []
	};
}
