export default function Loading() {
  return (
    <p className="p-10 text-zinc-500" aria-live="polite">
      Loading…
    </p>
  );
}
