/** The screenings screen (being built). */
export default function Screen() {
  return <h1>screenings</h1>;
}
