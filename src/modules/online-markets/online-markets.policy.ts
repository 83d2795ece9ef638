import type { Policy } from '../../kernel/access/permissions.ts';

/**
 * Online drug markets. Analysts (cyber-police and cyber-volunteer coordinators) take in and review;
 * only an officer of the authorised body approves a block (with the legal basis and decision);
 * prosecutors oversee read-only; ISPs read the signed blocklist feed with a token.
 */
export const onlineMarketsPolicy: Policy = {
  permissions: {
    'om.read': { description: 'See the detection queue, resources, shops and their timelines' },
    'om.intake': { description: 'Submit texts, URLs, handles and files for analysis (partners: JSONL batches)', tokenGrantable: true },
    'om.review': { description: 'Take resources into review, dismiss them, request re-checks (bulk too)' },
    'om.approve': { description: 'Approve blocking with the legal basis and decision, or restore a resource' },
    'om.evidence': { description: 'Open captured evidence and export evidence packages for court (audited)' },
    'om.feed_read': { description: 'Download the signed ISP blocklist feed', tokenGrantable: true },
    'om.feed_history': { description: 'See the versions of the ISP blocklist feed' },
    'om.dashboard': { description: 'Daily online-markets dashboard (aggregates only)', tokenGrantable: true },
  },
  roles: {
    om_analyst: { privileged: false, scope: 'national', description: 'Cyber-police analyst: intake, review, shops, evidence' },
    om_approver: {
      privileged: true,
      scope: 'national',
      description: 'Officer of the authorised body who approves blocking under Law "On Communications" art. 41-1',
    },
    isp_operator: { privileged: false, scope: 'national', description: 'Internet service provider: reads the blocklist feed' },
  },
  grants: {
    om_analyst: [
      'om.read',
      'om.intake',
      'om.review',
      'om.evidence',
      'om.feed_history',
      'om.dashboard',
      'reference.read',
      'organisations.read',
    ],
    om_approver: [
      'om.read',
      'om.review',
      'om.approve',
      'om.evidence',
      'om.feed_history',
      'om.dashboard',
      'reference.read',
      'organisations.read',
    ],
    isp_operator: ['om.feed_read'],
    // prosecutors: read-only oversight of the whole process (every evidence view audited)
    auditor: ['om.read', 'om.evidence', 'om.feed_history', 'om.dashboard'],
    commission_member: ['om.dashboard'],
  },
};
