/** The prepare screen (being built). */
export default function Screen() {
  return <h1>prepare</h1>;
}
