import { Role } from '@kinga/shared';
import type { KingaSystem } from './start-system';

/** A directory agency created and then deactivated by a directory admin, through the gateway: its id. */
export async function deactivatedAgency(system: KingaSystem, name: string): Promise<string> {
  const admin = system.client(system.token({ sub: 'admin', name: 'Admin', role: Role.DIRECTORY_ADMIN, counties: [] }));
  const created = await admin.request<{ createAgency: { agency: { id: string } } }>(
    `mutation($name: String!) { createAgency(input: { name: $name, type: NGO }) { agency { id } } }`,
    { name },
  );
  const agencyId = created.createAgency.agency.id;
  await admin.request(`mutation($id: ID!) { deactivateAgency(input: { id: $id }) { agency { id } } }`, { id: agencyId });
  return agencyId;
}
