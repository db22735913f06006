import { stripBidiControls } from "@/lib/text/bidi";
import { z } from "zod";

/** A space's fields: the contract's FieldSpec list, so a space accepts exactly what the API accepts. */
export { FieldSpecList as fieldListSchema } from "@/lib/contract/schemas";

export const spaceNameSchema = z
  .string()
  .trim()
  .min(1, { message: "Give the space a name." })
  .max(120, { message: "Keep the name under 120 characters." })
  .transform(stripBidiControls);
