"use client";

// Errors reach the page as a sentence and a reference, never as a stack trace.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main style={{ padding: "2rem", maxWidth: 640 }} className="stack">
      <h1>Something went wrong</h1>
      <p className="muted">
        The page could not be shown. Try again; if it keeps happening, give your administrator this reference: <code>{error.digest ?? "unknown"}</code>.
      </p>
      <div>
        <button type="button" className="primary" onClick={reset}>
          Try again
        </button>
      </div>
    </main>
  );
}
