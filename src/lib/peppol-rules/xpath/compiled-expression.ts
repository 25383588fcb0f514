import type { Focus } from './nodes';
import type { Seq } from './values';

/** A rule expression compiled to JavaScript: its value for a focus and the rule's variables. */
export type CompiledExpression = (focus: Focus, variable: (name: string) => Seq) => Seq;
