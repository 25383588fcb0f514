import type { ParamMatcher } from '@sveltejs/kit';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A record id in a URL; anything else is a 404 before the page loads. */
export const match = ((param: string): param is string => UUID.test(param)) satisfies ParamMatcher;
