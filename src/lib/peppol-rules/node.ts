// The validator in Node (tests, the render CLI, the bench): the rule data is read from ./data.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createValidator, type PeppolValidator } from './validator';

/** The folder holding the rules, schemas, official examples and licences. */
export const DATA_DIR = fileURLToPath(new URL('./data/', import.meta.url));

let shared: Promise<PeppolValidator> | undefined;

/** One validator per process: the first call loads and compiles the rules, later calls reuse it. */
export function nodeValidator(): Promise<PeppolValidator> {
	shared ??= createValidator(async (file) => new Uint8Array(await readFile(DATA_DIR + file)));
	return shared;
}
