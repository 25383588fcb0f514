import type { DrawOp } from './draw-ops';

export class PdfLayoutError extends Error {
	constructor(
		readonly field: string,
		message: string
	) {
		super(message);
		this.name = 'PdfLayoutError';
	}
}

/**
 * A cursor running down the body area of the pages. Blocks ask for room with `ensure`; when
 * a page is full the next one starts below the running head and `onBreak` redraws whatever must
 * repeat there (the table's column header).
 */
export class PageFlow {
	readonly pages: DrawOp[][] = [];
	ops: DrawOp[] = [];
	y: number;
	onBreak: (() => void) | undefined;

	constructor(
		firstTop: number,
		private readonly continuationTop: number,
		readonly bottom: number,
		private readonly drawContinuationHead: (ops: DrawOp[]) => void
	) {
		this.pages.push(this.ops);
		this.y = firstTop;
	}

	get space(): number {
		return this.bottom - this.y;
	}

	/** Room on a page that has only its running head. */
	get freshSpace(): number {
		return this.bottom - this.continuationTop;
	}

	breakPage(): void {
		this.ops = [];
		this.pages.push(this.ops);
		this.y = this.continuationTop;
		this.drawContinuationHead(this.ops);
		this.onBreak?.();
	}

	/** Starts a new page unless `height` fits below the cursor. */
	ensure(height: number): void {
		if (height > this.space && this.y > this.continuationTop) this.breakPage();
	}
}
