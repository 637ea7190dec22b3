/** Placeholder: this view is being built. */
export function SettingsView() {
  return <section />;
}
