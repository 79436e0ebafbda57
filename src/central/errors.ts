/**
 * A problem the operator can fix. Its message is one line saying what to do; entry points print it
 * without a stack trace, because a stack means nothing to the person at the hospital server.
 */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}
