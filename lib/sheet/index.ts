/** The review app's view model: rows, cells, the review queue. */
export * from "./build";
export * from "./normalize";
export * from "./queue";
export type * from "./types";
