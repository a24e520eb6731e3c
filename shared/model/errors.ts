/** A rule of the model refused an edit; the message says what the person can do instead. */
export class ModelError extends Error {}
