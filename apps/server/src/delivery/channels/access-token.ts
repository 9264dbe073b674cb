/**
 * The access tokens of WeChat (公众号 access_token) and WeCom (企业微信 access_token): fetched on first
 * use, kept until 5 minutes before they expire, shared by concurrent sends (one fetch at a time per
 * app: on WeChat every fetch of a new token retires the previous one), and dropped when the provider
 * says a token is invalid or expired so the next send fetches a fresh one.
 */

/** A token is used until this long before its stated expiry. */
export const TOKEN_REFRESH_MARGIN_MS = 5 * 60_000;

export interface FetchedToken {
  value: string;
  /** The provider's expires_in. */
  expiresInSeconds: number;
}

interface CachedToken {
  value: string;
  /** When to stop using it (ms since the epoch). */
  useUntil: number;
}

export class AccessTokenCache {
  private readonly tokens = new Map<string, CachedToken>();
  private readonly pending = new Map<string, Promise<CachedToken>>();

  constructor(private readonly now: () => number) {}

  /** The cached token of `key` while it is fresh, else one fetched now (a fetch under way is joined). */
  async get(key: string, fetchToken: () => Promise<FetchedToken>): Promise<string> {
    const cached = this.tokens.get(key);
    if (cached && this.now() < cached.useUntil) return cached.value;
    let pending = this.pending.get(key);
    if (!pending) {
      pending = fetchToken()
        .then((fetched) => {
          const token = { value: fetched.value, useUntil: this.now() + fetched.expiresInSeconds * 1000 - TOKEN_REFRESH_MARGIN_MS };
          this.tokens.set(key, token);
          return token;
        })
        .finally(() => this.pending.delete(key));
      this.pending.set(key, pending);
    }
    return (await pending).value;
  }

  /** Forget `value` (the provider refused it); a newer token fetched meanwhile is kept. */
  drop(key: string, value: string): void {
    if (this.tokens.get(key)?.value === value) this.tokens.delete(key);
  }

  clear(): void {
    this.tokens.clear();
  }
}
