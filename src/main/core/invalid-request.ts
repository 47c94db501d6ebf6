/**
 * A request the archive cannot carry out because of what was asked (a note that does not exist,
 * a chart its data cannot draw), as opposed to a fault. Its message is written for the person
 * who asked, and it reaches them as an 'invalid-input' error without a stack trace in the log.
 */
export class InvalidRequest extends Error {}
