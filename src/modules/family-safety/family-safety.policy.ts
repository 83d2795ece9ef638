import type { Policy } from '../../kernel/access/permissions.ts';

const RECEIVER = ['dv_referrals.receive', 'dv_referrals.read', 'dv_registry.read', 'reference.read', 'organisations.read'];

/** Roles of the family-safety case file and what each may do; the service narrows every read further. */
export const familySafetyPolicy: Policy = {
  permissions: {
    'dv_cases.read': { description: 'Open family-safety cases of own region (each view audited)' },
    'dv_cases.write': { description: 'Take in cases, record incidents, measures, tasks and meetings in own region' },
    'dv_cases.assess': { description: 'Record risk assessments and overrides' },
    'dv_cases.override_confirm': { description: 'Confirm or reject a lowered risk band (second person)' },
    'dv_cases.contacts': { description: "See victims' addresses and contacts outside the case team" },
    'dv_referrals.manage': { description: 'Draft and send referrals to centres, NGOs, health, shelters' },
    'dv_referrals.read': { description: 'Open a referral (senders in full; receivers only the parts granted)' },
    'dv_referrals.receive': { description: "Work referrals sent to one's own centre or organisation" },
    'dv_children.notify_read': { description: "See notifications about pupils who witnessed violence (own school's only)" },
    'dv_children.support': { description: "Record a school's observations, support plan, follow-ups and help requests" },
    'dv_indicators.read': { description: 'Aggregate family-safety indicators (no personal data)', tokenGrantable: true },
    'dv_registry.read': { description: 'See the registry of centres, NGOs, shelters and schools' },
    'dv_registry.write': { description: 'Maintain the registry and link staff to their school or centre' },
    'dv_cases.break_glass': { description: 'Open a case outside own scope for a stated reason, for a limited time (audited)' },
  },
  roles: {
    dv_police_officer: { privileged: false, scope: 'regional', description: 'Specialised family-safety police unit of a region' },
    fsc_worker: { privileged: false, scope: 'regional', description: 'Staff of a Family Support Centre' },
    school_contact: { privileged: false, scope: 'regional', description: "A school's designated safeguarding contact" },
    health_worker: { privileged: false, scope: 'regional', description: 'Health worker receiving family-safety referrals' },
    ngo_worker: { privileged: false, scope: 'regional', description: 'NGO, psychologist or shelter staff receiving referrals' },
  },
  grants: {
    dv_police_officer: [
      'dv_cases.read',
      'dv_cases.write',
      'dv_cases.assess',
      'dv_cases.override_confirm',
      'dv_referrals.manage',
      'dv_referrals.read',
      'dv_children.notify_read',
      'dv_indicators.read',
      'dv_registry.read',
      'dv_cases.break_glass',
      'reference.read',
      'organisations.read',
    ],
    fsc_worker: RECEIVER,
    ngo_worker: RECEIVER,
    health_worker: RECEIVER,
    school_contact: ['dv_children.notify_read', 'dv_children.support', 'dv_registry.read', 'reference.read', 'organisations.read'],
    regional_coordinator: ['dv_indicators.read', 'dv_registry.read', 'dv_registry.write'],
    commission_member: ['dv_indicators.read'],
    // oversight: every case, referral and child view they make is audited; lists show codes only
    auditor: ['dv_indicators.read', 'dv_cases.read', 'dv_referrals.read', 'dv_children.notify_read'],
    // the platform administrator maintains the registry but has no need to know about cases
    commission_admin: ['dv_indicators.read', 'dv_registry.read', 'dv_registry.write'],
  },
};
