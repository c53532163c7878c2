/**
 * The five daily ratings of a check-in (0–10 each, src/core/schemas/journal.ts) that the
 * insights compare, in the order they are shown, and which way is better for each.
 */

export const ratingNames = ["mood", "energy", "focus", "anxiety", "sleep"] as const;
export type RatingName = (typeof ratingNames)[number];

/** Anxiety is the one rating where a higher number is worse. */
export const higherIsBetter: Readonly<Record<RatingName, boolean>> = {
  mood: true,
  energy: true,
  focus: true,
  anxiety: false,
  sleep: true,
};

/** One value per rating, built by `make`, in the order of `ratingNames`. */
export function perRating<T>(make: (name: RatingName) => T): Record<RatingName, T> {
  return Object.fromEntries(ratingNames.map((name) => [name, make(name)])) as Record<RatingName, T>;
}

/** "a mood rating", "an energy rating": the rating's name with its article. */
export function aRating(name: RatingName): string {
  return `${/^[aeiou]/u.test(name) ? "an" : "a"} ${name} rating`;
}
