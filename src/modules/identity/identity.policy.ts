import type { Policy } from '../../kernel/access/permissions.ts';

/** Platform roles and the identity permissions. Other modules grant their own permissions to these roles. */
export const identityPolicy: Policy = {
  permissions: {
    'users.read': { description: 'See user accounts (own region for regional roles)' },
    'users.write': { description: 'Create and deactivate user accounts' },
    'tokens.manage': { description: 'Issue and revoke API tokens for machine clients' },
    'organisations.read': { description: 'See member agencies and akimats', tokenGrantable: true },
  },
  roles: {
    commission_admin: { privileged: true, scope: 'national', description: 'Platform administrator of the Commission secretariat' },
    auditor: { privileged: true, scope: 'national', description: "Prosecutor's office oversight: reads the audit trail" },
    commission_member: { privileged: false, scope: 'national', description: 'Commission member agency: national indicators' },
    regional_coordinator: {
      privileged: false,
      scope: 'regional',
      description: "Regional akimat coordinator of the region's prevention work",
    },
    police_officer: { privileged: false, scope: 'regional', description: 'Police officer of a regional department' },
  },
  grants: {
    commission_admin: ['users.read', 'users.write', 'tokens.manage', 'organisations.read', 'reference.read'],
    auditor: ['users.read', 'organisations.read', 'reference.read'],
    commission_member: ['organisations.read', 'reference.read'],
    regional_coordinator: ['users.read', 'organisations.read', 'reference.read'],
    police_officer: ['organisations.read', 'reference.read'],
  },
};
