import { stripBidiControls } from "@/lib/text/bidi";
import { z } from "zod";
import type { FieldSpec } from "@/lib/engine/types";

/** A field name usable as a CSV column and a JSON key. */
const fieldName = z
  .string()
  .trim()
  .min(1, { message: "Every field needs a name." })
  .max(64)
  .regex(/^[\p{L}\p{N}_][\p{L}\p{N}_ .-]*$/u, { message: "Use letters, digits, _ . - and spaces in field names." });

const scalarField = z.object({
  name: fieldName,
  type: z.enum(["string", "number", "date"]),
  description: z.string().trim().max(500).optional(),
  required: z.boolean().optional(),
});

/** FieldSpec as accepted from users and API callers (arrays one level deep). */
export const fieldSpecSchema: z.ZodType<FieldSpec> = z.union([
  scalarField,
  z.object({
    name: fieldName,
    type: z.literal("array"),
    description: z.string().trim().max(500).optional(),
    required: z.boolean().optional(),
    children: z.array(scalarField).min(1, { message: "An array field needs at least one child field." }).max(40),
  }),
]);

export const fieldListSchema = z
  .array(fieldSpecSchema)
  .min(1, { message: "Add at least one field." })
  .max(100)
  .superRefine((fields, ctx) => {
    const seen = new Set<string>();
    fields.forEach((f, i) => {
      if (seen.has(f.name)) ctx.addIssue({ code: "custom", path: [i, "name"], message: `The field "${f.name}" appears twice.` });
      seen.add(f.name);
    });
  });

export const spaceNameSchema = z
  .string()
  .trim()
  .min(1, { message: "Give the space a name." })
  .max(120, { message: "Keep the name under 120 characters." })
  .transform(stripBidiControls);
