// Below 640 px a table's rows become stacked cards: each cell is a line with its column's
// name drawn by CSS from `data-label`, so a phone sees every field without sideways scrolling.
export const CARD_TABLE = "max-sm:block";
export const CARD_HEAD = "max-sm:hidden";
export const CARD_BODY = "max-sm:block";
export const CARD_ROW = "max-sm:block max-sm:py-2 max-sm:first:border-t-0";
export const CARD_CELL =
  "max-sm:flex max-sm:items-start max-sm:justify-between max-sm:gap-4 max-sm:py-1 max-sm:whitespace-normal max-sm:break-words max-sm:before:shrink-0 max-sm:before:text-xs max-sm:before:text-zinc-600 max-sm:before:content-[attr(data-label)]";
