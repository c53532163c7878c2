/** The journal screen (being built). */
export default function Screen() {
  return <h1>journal</h1>;
}
