/**
 * Public and findable: published at least once, not archived, not deleted. The one definition of what
 * lists, the browse page and the search index show to everyone.
 */
export const isListed = (doc: { published?: unknown; status: string; deleted: boolean }): boolean =>
  Boolean(doc.published) && doc.status !== 'archived' && !doc.deleted;

/** The fields `isListed` reads (for projections). */
export const LISTED_FIELDS = ['published.title', 'status', 'deleted'] as const;
