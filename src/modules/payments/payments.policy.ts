import type { Policy } from '../../kernel/access/permissions.ts';

/** Drug-money permissions: banks send and ask (tokens); the FIU's analysts read, triage and list. */
export const paymentsPolicy: Policy = {
  permissions: {
    'payments.ingest': { description: 'Send payment transactions (banks, payment processors)', tokenGrantable: true },
    'payments.decide': { description: 'Ask a real-time risk decision for one transaction', tokenGrantable: true },
    'payments.read': { description: 'See account scores, alerts and the watchlist (national FIU data)' },
    'payments.triage': { description: 'Assign, escalate or close payment alerts' },
    'payments.watchlist': { description: 'Add identifiers to the payments watchlist' },
    'payments.rules': { description: 'Propose a new version of the scoring rules and thresholds' },
    'payments.rules_activate': { description: 'Activate a version of the scoring rules (live scoring changes at once)' },
  },
  roles: {
    fiu_analyst: {
      privileged: true,
      scope: 'national',
      description: 'Financial monitoring agency (AFM) analyst: drug-money alerts and watchlist',
    },
    fiu_supervisor: {
      privileged: true,
      scope: 'national',
      description: 'AFM supervisor: everything an analyst does, and activates rule-set versions',
    },
  },
  grants: {
    fiu_analyst: [
      'payments.read',
      'payments.triage',
      'payments.watchlist',
      'payments.ingest',
      'payments.decide',
      'payments.rules',
      'reference.read',
      'organisations.read',
    ],
    fiu_supervisor: [
      'payments.read',
      'payments.triage',
      'payments.watchlist',
      'payments.rules',
      'payments.rules_activate',
      'reference.read',
      'organisations.read',
    ],
  },
};
