import type { TFunction } from 'i18next';
import type { ApiError, FieldIssue } from '../lib/api';

// Every key is a literal so scripts/i18n-extract.ts can see it; codes come from docs/api-contract.md.

/** The sentence for a problem+json `code`. Unknown codes fall back to the generic message. */
export function errorText(t: TFunction, error: Pick<ApiError, 'code'>): string {
  switch (error.code) {
    case 'validation_failed':
      return t('error.validation_failed');
    case 'unauthenticated':
      return t('error.unauthenticated');
    case 'session_expired':
      return t('error.session_expired');
    case 'invalid_credentials':
      return t('error.invalid_credentials');
    case 'totp_required':
      return t('error.totp_required');
    case 'invalid_totp':
      return t('error.invalid_totp');
    case 'forbidden':
      return t('error.forbidden');
    case 'not_found':
      return t('error.not_found');
    case 'conflict':
      return t('error.conflict');
    case 'rate_limited':
      return t('error.rate_limited');
    case 'payload_too_large':
      return t('error.payload_too_large');
    case 'unsupported_media_type':
      return t('error.unsupported_media_type');
    case 'malformed_json':
      return t('error.malformed_json');
    case 'database_unavailable':
      return t('error.database_unavailable');
    case 'network_error':
      return t('error.network_error');
    default:
      return t('error.internal_error');
  }
}

/** The sentence for one field issue, by its zod issue code. */
export function fieldIssueText(t: TFunction, issue: FieldIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return t('fieldError.invalid_type');
    case 'too_small':
      return t('fieldError.too_small');
    case 'too_big':
      return t('fieldError.too_big');
    case 'invalid_format':
      return t('fieldError.invalid_format');
    case 'invalid_string':
      return t('fieldError.invalid_format');
    case 'invalid_value':
      return t('fieldError.invalid_value');
    case 'invalid_enum_value':
      return t('fieldError.invalid_value');
    case 'not_multiple_of':
      return t('fieldError.not_multiple_of');
    case 'unrecognized_keys':
      return t('fieldError.unrecognized_keys');
    case 'invalid_date':
      return t('fieldError.invalid_date');
    case 'already_exists':
      return t('fieldError.already_exists');
    case 'date_out_of_range':
      return t('fieldError.date_out_of_range');
    case 'activists_exceed_population':
      return t('fieldError.activists_exceed_population');
    case 'out_of_scope':
      return t('fieldError.out_of_scope');
    case 'unknown_region':
      return t('fieldError.unknown_region');
    case 'region_required':
      return t('fieldError.region_required');
    case 'region_not_allowed':
      return t('fieldError.region_not_allowed');
    case 'unknown_organisation':
      return t('fieldError.unknown_organisation');
    case 'unknown_role':
      return t('fieldError.unknown_role');
    case 'taken':
      return t('fieldError.taken');
    case 'unknown_permission':
      return t('fieldError.unknown_permission');
    case 'not_token_grantable':
      return t('fieldError.not_token_grantable');
    default:
      // `custom` (a refinement) and unknown codes: the server's message is English-only, so say it generically.
      return t('fieldError.invalid');
  }
}

/** The name of a role (roles from the contract; others are shown as sent). */
export function roleName(t: TFunction, role: string): string {
  switch (role) {
    case 'commission_admin':
      return t('role.commission_admin');
    case 'auditor':
      return t('role.auditor');
    case 'commission_member':
      return t('role.commission_member');
    case 'regional_coordinator':
      return t('role.regional_coordinator');
    case 'police_officer':
      return t('role.police_officer');
    case 'dv_police_officer':
      return t('role.dv_police_officer');
    case 'fsc_worker':
      return t('role.fsc_worker');
    case 'school_contact':
      return t('role.school_contact');
    case 'health_worker':
      return t('role.health_worker');
    case 'ngo_worker':
      return t('role.ngo_worker');
    default:
      return role;
  }
}

export const KNOWN_ROLES = ['commission_admin', 'auditor', 'commission_member', 'regional_coordinator', 'police_officer'];

/** The name of a settlement status. */
export function statusName(t: TFunction, status: string): string {
  switch (status) {
    case 'candidate':
      return t('settlement.status.candidate');
    case 'pledged':
      return t('settlement.status.pledged');
    case 'certified':
      return t('settlement.status.certified');
    case 'suspended':
      return t('settlement.status.suspended');
    default:
      return status;
  }
}

/** A readable name for a `resource.action` permission. */
export function permissionName(t: TFunction, permission: string): string {
  switch (permission) {
    case 'users.read':
      return t('permission.users.read');
    case 'users.write':
      return t('permission.users.write');
    case 'tokens.manage':
      return t('permission.tokens.manage');
    case 'audit.read':
      return t('permission.audit.read');
    case 'jobs.read':
      return t('permission.jobs.read');
    case 'settlements.read':
      return t('permission.settlements.read');
    case 'settlements.write':
      return t('permission.settlements.write');
    case 'reference.read':
      return t('permission.reference.read');
    case 'organisations.read':
      return t('permission.organisations.read');
    default:
      return permission;
  }
}

/** The name of a background job state (pg-boss states). */
export function jobStateName(t: TFunction, state: string): string {
  switch (state) {
    case 'created':
      return t('jobs.state.created');
    case 'retry':
      return t('jobs.state.retry');
    case 'active':
      return t('jobs.state.active');
    case 'completed':
      return t('jobs.state.completed');
    case 'cancelled':
      return t('jobs.state.cancelled');
    case 'failed':
      return t('jobs.state.failed');
    default:
      return state;
  }
}
