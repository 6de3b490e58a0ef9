/** Search is over at most this many characters of the query (API: 400 beyond). */
export const MAX_QUERY_LENGTH = 200;
