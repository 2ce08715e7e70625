/** A failure whose message the user should read: carries an i18n key, never raw text. */
export class UserFacingError extends Error {
  constructor(
    readonly messageKey: string,
    readonly params?: Record<string, string | number>,
  ) {
    super(messageKey);
    this.name = 'UserFacingError';
  }
}
