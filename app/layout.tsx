import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: "Vouch",
  description: "Capture invoices, receipts and delivery notes — every value traced to its place on the page.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
