import { compileRules } from '../../scripts/compile-rules';

/**
 * Vitest global setup: the rules engine imports the module scripts/compile-rules.ts generates
 * from the rule data (not committed), so a fresh clone's `npm test` builds it first; it is
 * skipped when its stamp matches the inputs.
 */
export default function compileRulesOnce(): void {
	console.log(compileRules().split('\n')[0]);
}
