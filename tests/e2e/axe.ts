import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Runs axe-core (WCAG 2.x A and AA rules) on the page as it is now and fails, softly so a
 * sweep reports every page, on each critical or serious violation with the elements it names.
 */
/** The widths every page is checked at: a laptop and a 390 px phone. */
export const VIEWPORTS = [
	{ name: 'laptop', width: 1280, height: 800 },
	{ name: 'phone', width: 390, height: 844 }
] as const;

export async function expectAccessible(page: Page, where: string): Promise<void> {
	const results = await new AxeBuilder({ page })
		.withTags(TAGS)
		// Only violations are reported, which keeps a run on a long editor page short.
		.options({ resultTypes: ['violations'] })
		// The PDF preview is Chromium's own PDF viewer showing our document, not our markup.
		.exclude('[data-testid="pdf-preview"]')
		.analyze();
	const serious = results.violations
		.filter((violation) => violation.impact === 'critical' || violation.impact === 'serious')
		.map(
			(violation) =>
				`${violation.id} (${violation.impact}): ${violation.help}\n` +
				violation.nodes
					.slice(0, 5)
					.map((node) => `    ${node.target.join(' ')} — ${node.failureSummary ?? ''}`)
					.join('\n')
		);
	expect.soft(serious, `accessibility of ${where}`).toEqual([]);
}

/** Fails softly when the page is wider than the viewport, i.e. the user must scroll sideways. */
export async function expectFitsWidth(page: Page, where: string): Promise<void> {
	const viewport = page.viewportSize();
	if (!viewport) throw new Error('the page has no viewport size');
	const { width, culprits } = await page.evaluate(() => {
		const limit = document.documentElement.clientWidth;
		// Name the widest elements that stick out, so a failure says where to look.
		const culprits = [...document.querySelectorAll<HTMLElement>('body *')]
			.filter((element) => element.getBoundingClientRect().right > limit + 1)
			.slice(0, 5)
			.map((element) => {
				const name = element.getAttribute('aria-label') ?? element.textContent?.slice(0, 30);
				return `${element.tagName.toLowerCase()}.${element.className} "${name ?? ''}" right=${Math.round(element.getBoundingClientRect().right)}`;
			});
		return { width: document.documentElement.scrollWidth, culprits };
	});
	expect
		.soft(width, `${where} is ${width}px wide at ${viewport.width}px: ${culprits.join('; ')}`)
		.toBeLessThanOrEqual(viewport.width);
}
