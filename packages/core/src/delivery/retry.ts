/**
 * Retries of a message whose sending failed (issue 13): exponential backoff with "equal jitter".
 * The n-th failure waits between half and all of min(maxSeconds, baseSeconds · factor^(n−1)); after
 * maxAttempts failures the message is given up (the dead-letter list, status 'failed').
 * Pure: the failure's instant and the random draw are inputs.
 */

export interface RetryPolicy {
  /** The cap of the wait after the first failure, in seconds. */
  baseSeconds: number;
  /** How much the cap grows with each further failure. */
  factor: number;
  /** The cap never grows beyond this, in seconds. */
  maxSeconds: number;
  /** Attempts in all (the first one included); the failure of the last one gives up. */
  maxAttempts: number;
}

/** 30 s, 1 min, 2 min, 4 min … capped at an hour; 8 attempts in all. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseSeconds: 30, factor: 2, maxSeconds: 3600, maxAttempts: 8 };

/** The cap of the wait after `attemptsMade` failures, in seconds: min(maxSeconds, baseSeconds · factor^(attemptsMade−1)). */
export function retryCapSeconds(attemptsMade: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY): number {
  if (!Number.isInteger(attemptsMade) || attemptsMade < 1) throw new RangeError('attemptsMade must be a whole number ≥ 1');
  return Math.min(policy.maxSeconds, policy.baseSeconds * policy.factor ** (attemptsMade - 1));
}

/**
 * When to try again after a failure (epoch ms), or null to give up (dead letter).
 * `attemptsMade` ≥ 1 counts the attempt that just failed; `random` ∈ [0, 1) picks the wait within
 * [cap/2, cap] (whole milliseconds, never outside that range).
 */
export function nextAttemptAt(failedAt: number, attemptsMade: number, random: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY): number | null {
  if (!(random >= 0 && random < 1)) throw new RangeError('random must be in [0, 1)');
  const cap = retryCapSeconds(attemptsMade, policy);
  if (attemptsMade >= policy.maxAttempts) return null;
  const capMs = cap * 1000;
  const delayMs = Math.min(Math.floor(capMs), Math.ceil(capMs / 2 + (random * capMs) / 2));
  return failedAt + delayMs;
}
