import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-md p-10 text-center">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="mt-2 text-zinc-600">This page does not exist, or you do not have access to it.</p>
      <Link href="/" className="mt-6 inline-block text-indigo-700 underline">
        Go to your dashboard
      </Link>
    </main>
  );
}
