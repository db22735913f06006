import Link from "next/link";

export default function NotFound() {
  return (
    <main style={{ padding: "2rem" }} className="stack">
      <h1>Not found</h1>
      <p className="muted">There is nothing at this address.</p>
      <Link href="/">Back to your spaces</Link>
    </main>
  );
}
