/** The logistic link the risk model, its calibration and its boosted trees share. */

/** Probability of log-odds `z`, without overflow for large |z|. */
export const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** One example's log-loss at log-odds `z` with label `y` (1 = wrong): log(1 + e^z) − y·z, stable for large |z|. */
export const logLossAt = (z: number, y: number): number => (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - y * z;
