"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export function Nav({
  items,
  label = "Main",
  horizontal = false,
}: {
  items: { href: string; label: string; exact?: boolean }[];
  label?: string;
  horizontal?: boolean;
}) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className={`flex gap-1 ${horizontal ? "flex-row flex-wrap" : "flex-col"}`}>
      {items.map((item) => {
        const active = pathname === item.href || (!item.exact && pathname.startsWith(`${item.href}/`));
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? "page" : undefined}
            className={`rounded-md px-3 py-2 text-sm ${active ? "bg-indigo-50 font-medium text-indigo-800" : "text-zinc-700 hover:bg-zinc-100"}`}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
