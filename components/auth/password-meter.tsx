"use client";

import { useEffect, useState } from "react";

// The same estimator the server enforces (lib/auth/password-strength.ts), loaded only when
// someone types a password: its dictionaries are large.
export function PasswordMeter({ password }: { password: string }) {
  const [scored, setScored] = useState<{ password: string; score: number } | null>(null);
  const [labels, setLabels] = useState<readonly string[]>([]);
  const [min, setMin] = useState(3);

  useEffect(() => {
    let current = true;
    if (!password) return;
    void import("@/lib/auth/password-strength").then((m) => {
      if (!current) return;
      setLabels(m.STRENGTH_LABELS);
      setMin(m.MIN_STRENGTH);
      setScored({ password, score: m.passwordStrength(password) });
    });
    return () => {
      current = false;
    };
  }, [password]);

  // A score for an older value is not shown: the field has moved on.
  if (!password || scored?.password !== password) return null;
  const score = scored.score;
  const strong = score >= min;
  return (
    <div className="space-y-1" aria-live="polite">
      <div className="flex gap-1" aria-hidden="true">
        {[0, 1, 2, 3].map((i) => (
          <span key={i} className={`h-1 flex-1 rounded ${i < score ? (strong ? "bg-green-600" : "bg-amber-500") : "bg-zinc-200"}`} />
        ))}
      </div>
      <p className={`text-xs ${strong ? "text-green-800" : "text-amber-800"}`}>
        Password strength: {labels[score]}
        {strong ? "" : ". Add more words or characters."}
      </p>
    </div>
  );
}
