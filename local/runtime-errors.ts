/** A start-up failure with the exit code `npm start` ends with (see README). */
export class RuntimeStartError extends Error {
  override readonly name = 'RuntimeStartError';
  readonly exitCode: number;
  constructor(message: string, exitCode: number) {
    super(message);
    this.exitCode = exitCode;
  }
}
