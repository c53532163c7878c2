/** The five ratings as the insights screens name them, in the API's order. */
import { type RatingName, ratingNames } from "../../../core/insights/ratings.ts";

export { type RatingName, ratingNames };

export const ratingLabels: Readonly<Record<RatingName, string>> = {
  mood: "Mood",
  energy: "Energy",
  focus: "Focus",
  anxiety: "Anxiety",
  sleep: "Sleep",
};

/** "Anxiety (lower is better)": the one rating that reads the other way round. */
export function ratingTitle(rating: RatingName): string {
  return rating === "anxiety" ? "Anxiety (lower is better)" : ratingLabels[rating];
}
