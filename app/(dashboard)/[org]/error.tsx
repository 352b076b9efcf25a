"use client";

export default function DashboardError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-6">
      <p className="font-medium text-red-800">This page could not be loaded.</p>
      <button onClick={reset} className="mt-3 text-sm text-red-800 underline">
        Try again
      </button>
    </div>
  );
}
