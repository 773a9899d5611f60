// Secrets that travel inside URLs (a token in CONTENT_GIT_URL, a password in REDIS_URL) and that
// git or a client library may echo back in an error: log lines pass through here first.

/**
 * `scheme://userinfo@host`: whatever sits between `://` and the last `@` before the next space is
 * a credential, a password with an unencoded `@`, `/` or `#` in it included. An `@` in a path is
 * hidden with it: a log line that says too little is better than one that says a token.
 */
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)(?:(?!:\/\/)[^\s'"<>])*@/gi;
/** Query values that are credentials by name (`?access_token=`, GitLab's `private_token`, …). */
const SECRET_QUERY =
  /([?&](?:access_token|private_token|token|password|passwd|secret|api_key|key|sig|signature)=)[^&\s#'"<>]*/gi;

/** Settings whose URL may carry a credential that is not a URL's own (a space in it, unencoded). */
const URL_SETTINGS = ['CONTENT_GIT_URL', 'REDIS_URL'] as const;

/** The userinfo of a configured URL, as written: between `://` and its last `@`. */
function configuredUserinfo(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const start = value.indexOf('://');
  const at = value.lastIndexOf('@');
  if (start < 0 || at <= start + 3) return undefined;
  return value.slice(start + 3, at);
}

/** `text` with the credentials of every URL in it replaced by `***`; safe to log. */
export function redact(text: string, env: Record<string, string | undefined> = process.env): string {
  let out = text;
  // The operator's own settings first, literally, however unusual their characters.
  for (const name of URL_SETTINGS) {
    const userinfo = configuredUserinfo(env[name]);
    if (userinfo && userinfo.length >= 3) out = out.split(userinfo).join('***');
  }
  return out.replace(URL_USERINFO, '$1***@').replace(SECRET_QUERY, '$1***');
}
