"use client";

import type { ComponentPropsWithRef } from "react";

const VARIANTS = {
  primary: "bg-indigo-600 text-white hover:bg-indigo-700",
  secondary: "border border-zinc-300 bg-white text-zinc-800 hover:bg-zinc-100",
  danger: "bg-red-600 text-white hover:bg-red-700",
} as const;

type ButtonProps = ComponentPropsWithRef<"button"> & { variant?: keyof typeof VARIANTS };

export function Button({ variant = "primary", className = "", ...props }: ButtonProps) {
  return (
    <button
      className={`inline-flex items-center justify-center rounded-md px-3 py-2 text-sm font-medium disabled:opacity-60 ${VARIANTS[variant]} ${className}`}
      {...props}
    />
  );
}
