/** The plan screen (being built). */
export default function Screen() {
  return <h1>plan</h1>;
}
