"use client";

export default function GlobalError({ reset }: { error: Error; reset: () => void }) {
  return (
    <main className="mx-auto max-w-md p-10 text-center" role="alert">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="mt-2 text-zinc-600">The error was logged. Try again in a moment.</p>
      <button onClick={reset} className="mt-6 rounded-md bg-zinc-900 px-4 py-2 text-white">
        Try again
      </button>
    </main>
  );
}
