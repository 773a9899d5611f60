/** The longest query we look at; anything beyond is cut, not an error. */
export const MAX_QUERY_LENGTH = 100;

/** Results per search page. */
export const RESULTS_PER_PAGE = 20;

/** Distinct words a query may ask for; further words are ignored (every one must match anyway). */
export const MAX_QUERY_TERMS = 4;

/** Words shorter than this match whole index words only, not every word they begin. */
export const MIN_PREFIX_LENGTH = 2;
