/**
 * One signed-in member as a browser talks to the app: a session cookie, the synchroniser CSRF token
 * from a page's form sent back in `x-csrf-token`, and `x-forwarded-proto: https` as the TLS-terminating
 * reverse proxy in front of a production instance adds it (the session cookie is `Secure` there).
 */
export class ResponseProblem extends Error {}

type Answer = { status: number; body: string; ms: number };

const COOKIE = 'dkb.sid';

export class MemberSession {
  private cookie: string | undefined;
  private csrf: string | undefined;

  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs: number,
  ) {}

  private keepCookie(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const match = new RegExp(`^${COOKIE.replace('.', '\\.')}=([^;]*)`).exec(line);
      if (match) this.cookie = match[1];
    }
  }

  /** One request with the session's cookie; the whole body is read before the time is taken. */
  async request(
    method: string,
    path: string,
    options: { json?: unknown; form?: Record<string, string>; accept?: string } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = {
      accept: options.accept ?? 'application/json',
      'x-forwarded-proto': 'https',
    };
    if (this.cookie) headers.cookie = `${COOKIE}=${this.cookie}`;
    if (method !== 'GET' && this.csrf) headers['x-csrf-token'] = this.csrf;
    let body: string | undefined;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(options.form).toString();
    }
    const t0 = performance.now();
    const res = await fetch(this.baseUrl + path, {
      method,
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const text = await res.text();
    const ms = performance.now() - t0;
    this.keepCookie(res);
    return { status: res.status, body: text, ms };
  }

  private static csrfFrom(html: string, page: string): string {
    const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    if (!token) throw new ResponseProblem(`no _csrf field on ${page}`);
    return token;
  }

  /** The sign-in form, then the account page for the new session's token (sign-in regenerates the session). */
  async signIn(email: string, password: string): Promise<void> {
    const form = await this.request('GET', '/sign-in', { accept: 'text/html' });
    if (form.status !== 200) throw new ResponseProblem(`GET /sign-in answered ${form.status}`);
    const token = MemberSession.csrfFrom(form.body, '/sign-in');
    const signedIn = await this.request('POST', '/sign-in', {
      form: { email, password, _csrf: token },
      accept: 'text/html',
    });
    if (signedIn.status !== 303) throw new ResponseProblem(`POST /sign-in answered ${signedIn.status} for ${email}`);
    const account = await this.request('GET', '/account', { accept: 'text/html' });
    if (account.status !== 200) throw new ResponseProblem(`GET /account answered ${account.status}`);
    this.csrf = MemberSession.csrfFrom(account.body, '/account');
  }
}
