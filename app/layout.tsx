import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale } from "next-intl/server";
// Japanese glyphs for every page (the UI in Japanese, and Japanese documents in any UI language) without
// relying on the host's fonts: served by the app, split by unicode-range so a page only fetches what it shows.
import "@fontsource-variable/noto-sans-jp";
import "./globals.css";

export const metadata: Metadata = {
  title: "Vouch",
  description: "Capture invoices, receipts and delivery notes — every value traced to its place on the page.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body>
        {/* Client components read their messages from here (next-intl passes the request's locale and messages). */}
        <NextIntlClientProvider>{children}</NextIntlClientProvider>
      </body>
    </html>
  );
}
