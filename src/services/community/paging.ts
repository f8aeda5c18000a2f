import { DomainError } from "../../core/errors.js";
import { COMMENT_MAX_PAGE } from "../../contracts/community.js";

export function checkPage(page: number): void {
  if (!Number.isInteger(page) || page < 1 || page > COMMENT_MAX_PAGE)
    throw new DomainError(
      "INVALID_PAGE",
      `The page must be a whole number from 1 to ${COMMENT_MAX_PAGE}.`,
    );
}

export function pagesFor(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

export function checkPageInRange(page: number, pages: number): void {
  if (page > pages)
    throw new DomainError(
      "PAGE_OUT_OF_RANGE",
      `There ${pages === 1 ? "is only 1 page" : `are only ${pages} pages`} of comments.`,
      {
        pages,
      },
    );
}
