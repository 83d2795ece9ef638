/**
 * The one registry of `resource.action` permissions and of the roles that hold them.
 * Modules declare their permissions and grants in their `*.policy.ts`; routes name the permission
 * they need and services check the concrete record again.
 */
export type PermissionDef = {
  /** What the permission allows, for administrators. */
  description: string;
  /** Machine clients (API tokens) may be given this permission. */
  tokenGrantable?: boolean;
};

export type RoleDef = {
  /** Needs a TOTP second factor at login. */
  privileged: boolean;
  /** 'national' roles see every region; 'regional' roles must have a region. */
  scope: 'national' | 'regional' | 'any';
  description: string;
};

export type Policy = {
  permissions?: Record<string, PermissionDef>;
  roles?: Record<string, RoleDef>;
  /** role → permissions that this module grants to it. */
  grants?: Record<string, readonly string[]>;
};

const PERMISSION_NAME = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

export class PermissionRegistry {
  readonly permissions = new Map<string, PermissionDef>();
  readonly roles = new Map<string, RoleDef>();
  readonly #grants = new Map<string, Set<string>>();

  /** Adds one module's policy; throws on duplicates or grants of unknown names. */
  register(policy: Policy): void {
    for (const [name, def] of Object.entries(policy.permissions ?? {})) {
      if (!PERMISSION_NAME.test(name)) throw new Error(`Permission name ${name} must be resource.action`);
      if (this.permissions.has(name)) throw new Error(`Permission ${name} registered twice`);
      this.permissions.set(name, def);
    }
    for (const [name, def] of Object.entries(policy.roles ?? {})) {
      if (this.roles.has(name)) throw new Error(`Role ${name} registered twice`);
      this.roles.set(name, def);
      this.#grants.set(name, new Set());
    }
  }

  /** Applies grants once every module's permissions and roles are known. */
  grant(policy: Policy): void {
    for (const [role, perms] of Object.entries(policy.grants ?? {})) {
      const set = this.#grants.get(role);
      if (!set) throw new Error(`Grant to unknown role ${role}`);
      for (const p of perms) {
        if (!this.permissions.has(p)) throw new Error(`Grant of unknown permission ${p} to ${role}`);
        set.add(p);
      }
    }
  }

  permissionsOf(role: string): ReadonlySet<string> {
    return this.#grants.get(role) ?? new Set();
  }

  isKnownPermission(name: string): boolean {
    return this.permissions.has(name);
  }

  role(name: string): RoleDef | undefined {
    return this.roles.get(name);
  }
}
