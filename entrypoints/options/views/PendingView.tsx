/** Placeholder: this view is being built. */
export function PendingView() {
  return <section />;
}
