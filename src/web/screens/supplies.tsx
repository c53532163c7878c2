/** The supplies screen (being built). */
export default function Screen() {
  return <h1>supplies</h1>;
}
