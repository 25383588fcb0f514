/**
 * Structured JSON lines. Fields are restricted to scalars so that no invoice, e-mail or attachment
 * object can be logged by accident: log ids, counts and codes, never content.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogValue = string | number | boolean | null | undefined;
export type LogFields = Readonly<Record<string, LogValue>>;

export interface Logger {
	debug(event: string, fields?: LogFields): void;
	info(event: string, fields?: LogFields): void;
	warn(event: string, fields?: LogFields): void;
	error(event: string, fields?: LogFields): void;
	child(fields: LogFields): Logger;
}

const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface LoggerOptions {
	level: LogLevel;
	write?: (line: string) => void;
	now?: () => number;
}

export function createLogger(options: LoggerOptions, bound: LogFields = {}): Logger {
	const write = options.write ?? ((line: string) => process.stdout.write(line + '\n'));
	const now = options.now ?? Date.now;
	const min = rank[options.level];
	const emit = (level: LogLevel, event: string, fields?: LogFields): void => {
		if (rank[level] < min) return;
		const record: Record<string, LogValue> = { time: new Date(now()).toISOString(), level, event };
		for (const [key, value] of Object.entries({ ...bound, ...fields })) {
			if (value !== undefined) record[key] = value;
		}
		write(JSON.stringify(record));
	};
	return {
		debug: (event, fields) => emit('debug', event, fields),
		info: (event, fields) => emit('info', event, fields),
		warn: (event, fields) => emit('warn', event, fields),
		error: (event, fields) => emit('error', event, fields),
		child: (fields) => createLogger({ ...options, write, now }, { ...bound, ...fields })
	};
}

/** Error kind for logs: the class and code, never the message (it may quote content). */
export function errorKind(error: unknown): string {
	if (error instanceof Error) {
		const code = (error as { code?: unknown }).code;
		return typeof code === 'string' ? `${error.name}:${code}` : error.name;
	}
	return typeof error;
}
