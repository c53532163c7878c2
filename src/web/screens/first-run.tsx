/** The first-run screen (being built). */
export default function Screen() {
  return <h1>first-run</h1>;
}
