/**
 * The memory stage: a supplier's reviewed documents as evidence for its next one (see types.ts).
 * `recall` runs between the extractor and the matcher (it ranks candidates printed on the page);
 * `adjustRisk` runs after the risk stage. `learnField` and `remember` build the memory the app stores.
 */
export { adjustRisk, MEMORY_CODE } from "./adjust";
export { forget, learnField, learnPlaces, remember, rememberLetterhead } from "./learn";
export { letterhead, letterheadSimilarity, letterheadSpread } from "./identity";
export { recall } from "./recall";
export {
  type FieldMemory,
  fold,
  type MemoryVerdict,
  shapeOf,
  type SupplierMemory,
  findSupplier,
  LETTERHEAD_MATCH,
  type SupplierRow,
  supplierKeys,
  supplierKeysOf,
} from "./types";
