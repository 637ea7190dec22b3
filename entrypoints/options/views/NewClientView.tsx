/** Placeholder: this view is being built. */
export function NewClientView() {
  return <section />;
}
