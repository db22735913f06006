/** Version of the extraction engine, stored with every result so reprocessing can be traced. */
export const ENGINE_VERSION = "0.1.0";
