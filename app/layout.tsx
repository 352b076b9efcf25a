import type { Metadata } from "next";
import { cookies } from "next/headers";
import { Toaster } from "sonner";
import { EarlyClicks } from "@/components/ui/early-clicks";
import { parseTheme, THEME_COOKIE } from "@/lib/ui/theme";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Keyhouse", template: "%s · Keyhouse" },
  description: "API keys: issue, verify, rotate, revoke.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const theme = parseTheme((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <html lang="en" data-theme={theme}>
      <body className="min-h-screen font-sans">
        <EarlyClicks />
        {children}
        <Toaster position="bottom-right" closeButton theme={theme} />
      </body>
    </html>
  );
}
