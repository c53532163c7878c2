/** The check-in screen (being built). */
export default function Screen() {
  return <h1>check-in</h1>;
}
