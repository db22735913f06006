/** The answer of a settings form's server action: its error as an alert, or what it did as a status line. */
export function FormStatus({ state }: { state: { error?: string; ok?: string } | undefined }) {
  if (state?.error)
    return (
      <p className="error" role="alert">
        {state.error}
      </p>
    );
  if (state?.ok)
    return (
      <p className="notice" role="status">
        {state.ok}
      </p>
    );
  return null;
}
