/** How the settings pages show a moment: the reader's locale, in UTC (the server's and the audit log's clock), said so in headings. */
export const WHEN_UTC = { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" } as const;
/** A day in the reader's locale (UTC). */
export const DAY_UTC = { dateStyle: "medium", timeZone: "UTC" } as const;
/** A time of day (UTC), seconds shown: delivery attempts a few seconds apart. */
export const TIME_UTC = { timeStyle: "medium", timeZone: "UTC" } as const;
