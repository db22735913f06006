/**
 * The memory stage: a supplier's reviewed documents as evidence for its next one (see types.ts).
 * `recall` runs between the extractor and the matcher (it ranks candidates printed on the page);
 * `adjustRisk` runs after the risk stage. `learnField` and `remember` build the memory the app stores.
 */
export { adjustRisk, MEMORY_CODE } from "./adjust";
export { letterhead, letterheadSimilarity, letterheadSpread } from "./identity";
export { forget, learnField, learnPlaces, remember, rememberLetterhead } from "./learn";
export { recall } from "./recall";
export {
  type FieldMemory,
  findSupplier,
  fold,
  LETTERHEAD_MATCH,
  type MemoryVerdict,
  type SupplierMemory,
  type SupplierRow,
  shapeOf,
  supplierKeys,
  supplierKeysOf,
} from "./types";
