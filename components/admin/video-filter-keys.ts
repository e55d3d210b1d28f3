/** The admin list's filters, as the page reads them from its URL (the form submits by GET). */
export const VIDEO_FILTERS = ['status', 'review', 'creator', 'search'] as const;

export type FilterValues = Partial<Record<(typeof VIDEO_FILTERS)[number], string>>;
