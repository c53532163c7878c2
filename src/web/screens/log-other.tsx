/** The log-other screen (being built). */
export default function Screen() {
  return <h1>log-other</h1>;
}
