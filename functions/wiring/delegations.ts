import { DelegationAdmin } from '../../shared/delegation/delegations-admin.js';
import { delegations } from './adapters.js';
import { adminDeps, regionId } from './admin.js';
import { users } from './identity.js';

export const delegationAdmin = () =>
  new DelegationAdmin({
    delegations: delegations(),
    users: users(),
    admin: adminDeps(),
    regionId: regionId(),
  });
