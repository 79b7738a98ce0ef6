/**
 * The most cases a data protection officer's search for one child answers (`dataSubjectCases`): more than a child
 * has cases, so a search matching more names no one child and asks for a narrower one. The answer-size limit
 * counts the list by it.
 */
export const MAX_CASES_OF_A_DATA_SUBJECT = 50;
