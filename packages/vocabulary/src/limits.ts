/**
 * The longest texts the contract accepts, in characters (after trimming): the API's schemas
 * (packages/api-contract) are built on them, and the web's inputs take them as `maxLength`, so that a
 * form never lets anyone type what the server would refuse.
 */
export const TEXT_LIMITS = {
  /** names, short notes (ShortText) */
  short: 200,
  /** a command's text: a reply, a note, a plan, a summary (the commands' Text) */
  text: 5000,
  /** a case's description (LongText) */
  long: 10_000,
} as const;
