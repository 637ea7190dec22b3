/** Placeholder: this view is being built. */
export function BackupView() {
  return <section />;
}
