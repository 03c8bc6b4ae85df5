/** A start-up failure with the exit code `npm start` ends with (see README). */
export class RuntimeStartError extends Error {
  override readonly name = 'RuntimeStartError';
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}
