/** The log-dose screen (being built). */
export default function Screen() {
  return <h1>log-dose</h1>;
}
