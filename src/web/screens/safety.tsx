/** The safety screen (being built). */
export default function Screen() {
  return <h1>safety</h1>;
}
