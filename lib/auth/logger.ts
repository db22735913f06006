/**
 * Auth.js's logger, quieter where it matters: a refused sign-in (wrong email or password)
 * is an everyday event, one line without a stack; anything else keeps its detail.
 */
export const authLogger = {
  error(error: Error) {
    const type = (error as { type?: string }).type ?? error.name;
    if (type === "CredentialsSignin") {
      console.warn("[auth] sign-in refused: wrong email or password");
      return;
    }
    const cause = (error as { cause?: { err?: unknown } }).cause;
    console.error(`[auth][error] ${type}: ${error.message}`);
    const detail = cause?.err instanceof Error ? cause.err.stack : error.stack;
    if (detail) console.error(detail);
  },
};
