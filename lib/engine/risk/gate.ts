/**
 * The review gate's threshold, apart from the model so the web app can read it without
 * loading the engine: a value is auto-accepted only when its estimated risk is below 0.5 %.
 */
export const ACCEPT_RISK = 0.005;
