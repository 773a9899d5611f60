/** The longest query we look at; anything beyond is cut, not an error. */
export const MAX_QUERY_LENGTH = 100;

/** Results per search page. */
export const RESULTS_PER_PAGE = 20;
