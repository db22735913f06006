"use client";

import { useActionState } from "react";
import { forgetMemoryAction } from "./actions";

/** One "forget" button: the whole supplier, one field, or one document's lessons. */
export function ForgetButton({
  memoryId,
  field,
  documentId,
  label,
  text,
}: {
  memoryId: string;
  field?: string;
  documentId?: string;
  label: string;
  text?: string;
}) {
  const [state, forget, pending] = useActionState(forgetMemoryAction, undefined);
  return (
    <form action={forget} style={{ display: "inline" }}>
      <input type="hidden" name="memoryId" value={memoryId} />
      {field ? <input type="hidden" name="field" value={field} /> : null}
      {documentId ? <input type="hidden" name="documentId" value={documentId} /> : null}
      <button type="submit" disabled={pending} aria-label={label}>
        {text ?? label}
      </button>
      {state?.error ? (
        <span className="error" role="alert">
          {" "}
          {state.error}
        </span>
      ) : null}
    </form>
  );
}
