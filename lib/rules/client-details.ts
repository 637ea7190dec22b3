import type { Client, ClientDetails } from '../model/client';

/**
 * A client with its details (contact, company, address…) replaced by what was entered. Each
 * field is set, an absent one too, so that a cleared optional field is cleared; quota and
 * status keep their own operations.
 */
export function withClientDetails<C extends Client>(client: C, details: ClientDetails): C {
  return {
    ...client,
    name: details.name,
    contact: details.contact,
    company: details.company,
    industry: details.industry,
    address: details.address,
    domain: details.domain,
    workspaceUrl: details.workspaceUrl,
  };
}
