import type { Policy } from '../../kernel/access/permissions.ts';

/** Drug-money permissions: banks send and ask (tokens); the FIU's analysts read, triage and list. */
export const paymentsPolicy: Policy = {
  permissions: {
    'payments.ingest': { description: 'Send payment transactions (banks, payment processors)', tokenGrantable: true },
    'payments.decide': { description: 'Ask a real-time risk decision for one transaction', tokenGrantable: true },
    'payments.read': { description: 'See account scores, alerts and the watchlist (national FIU data)' },
    'payments.triage': { description: 'Assign, escalate or close payment alerts' },
    'payments.watchlist': { description: 'Add identifiers to the payments watchlist' },
  },
  roles: {
    fiu_analyst: {
      privileged: true,
      scope: 'national',
      description: 'Financial monitoring agency (AFM) analyst: drug-money alerts and watchlist',
    },
  },
  grants: {
    fiu_analyst: [
      'payments.read',
      'payments.triage',
      'payments.watchlist',
      'payments.ingest',
      'payments.decide',
      'reference.read',
      'organisations.read',
    ],
  },
};
