// Secrets that travel inside URLs (a token in CONTENT_GIT_URL, a password in REDIS_URL) and that
// git or a client library may echo back in an error: log lines pass through here first.

/**
 * `scheme://userinfo@`: whatever sits before the last `@` of a URL's authority is a credential,
 * a password with an unencoded `@` in it included (`https://user:p@ss@host/`).
 */
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#'"<>]*@/gi;
/** Query values that are credentials by name (`?access_token=`, GitLab's `private_token`, …). */
const SECRET_QUERY =
  /([?&](?:access_token|private_token|token|password|passwd|secret|api_key|key|sig|signature)=)[^&\s#'"<>]*/gi;

/** `text` with the credentials of every URL in it replaced by `***`; safe to log. */
export function redact(text: string): string {
  return text.replace(URL_USERINFO, '$1***@').replace(SECRET_QUERY, '$1***');
}
