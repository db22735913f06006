/** Sign-in and sign-out over HTTP for the hardening suites (Auth.js's own endpoints, no browser). */

/** A tiny cookie jar. */
export class Jar {
  readonly map = new Map<string, string>();
  keep(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const eq = pair?.indexOf("=") ?? -1;
      if (pair && eq > 0) {
        const v = pair.slice(eq + 1);
        if (v === "" || /max-age=0|expires=thu, 01 jan 1970/i.test(c)) this.map.delete(pair.slice(0, eq));
        else this.map.set(pair.slice(0, eq), v);
      }
    }
  }
  header(): string {
    return [...this.map].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  hasSession(): boolean {
    return [...this.map.keys()].some((k) => k.includes("session-token"));
  }
}

async function csrf(base: string, jar: Jar): Promise<string> {
  const res = await fetch(`${base}/api/auth/csrf`, { headers: { cookie: jar.header() } });
  jar.keep(res);
  return ((await res.json()) as { csrfToken: string }).csrfToken;
}

/** Try to sign in (`headers`: e.g. what a reverse proxy adds); returns the jar (with a session cookie on success) and where Auth.js redirected. */
export async function trySignIn(base: string, email: string, password: string, headers: Record<string, string> = {}): Promise<{ jar: Jar; location: string }> {
  const jar = new Jar();
  const csrfToken = await csrf(base, jar);
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { ...headers, "content-type": "application/x-www-form-urlencoded", cookie: jar.header() },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: base }),
  });
  jar.keep(res);
  return { jar, location: res.headers.get("location") ?? "" };
}

/** Sign out through Auth.js (the form the app's sign-out button posts). */
export async function signOutOverHttp(base: string, jar: Jar): Promise<void> {
  const csrfToken = await csrf(base, jar);
  const res = await fetch(`${base}/api/auth/signout`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.header() },
    body: new URLSearchParams({ csrfToken, callbackUrl: base }),
  });
  jar.keep(res);
}
