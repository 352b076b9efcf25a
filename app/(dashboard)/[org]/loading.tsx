export default function Loading() {
  return (
    <p className="text-zinc-500" aria-live="polite">
      Loading…
    </p>
  );
}
