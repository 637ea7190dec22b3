/** Placeholder: this view is being built. */
export function ClientOverviewView({ orgId }: { orgId: string }) {
  return <section data-org-id={orgId} />;
}
