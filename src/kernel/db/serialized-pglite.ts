import { PGliteDialect, type DatabaseConnection, type Driver, type TransactionSettings } from 'kysely';

/**
 * Kysely's PGlite driver hands the same connection to every caller, so a query issued by one request
 * while another request's transaction is open runs *inside* that transaction (and is rolled back with
 * it). PGlite has one connection anyway: this driver queues callers so each one has the connection to
 * itself, for one query or for a whole transaction.
 */
class SerializedDriver implements Driver {
  #inner: Driver;
  #tail: Promise<void> = Promise.resolve();
  #release = new WeakMap<DatabaseConnection, () => void>();

  constructor(inner: Driver) {
    this.#inner = inner;
  }
  init() {
    return this.#inner.init();
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    let release!: () => void;
    const mine = new Promise<void>((r) => (release = r));
    const previous = this.#tail;
    this.#tail = previous.then(() => mine);
    await previous;
    const conn = await this.#inner.acquireConnection();
    this.#release.set(conn, release);
    return conn;
  }
  async releaseConnection(conn: DatabaseConnection): Promise<void> {
    await this.#inner.releaseConnection(conn);
    const release = this.#release.get(conn);
    this.#release.delete(conn);
    release?.();
  }
  beginTransaction(conn: DatabaseConnection, settings: TransactionSettings) {
    return this.#inner.beginTransaction(conn, settings);
  }
  commitTransaction(conn: DatabaseConnection) {
    return this.#inner.commitTransaction(conn);
  }
  rollbackTransaction(conn: DatabaseConnection) {
    return this.#inner.rollbackTransaction(conn);
  }
  destroy() {
    return this.#inner.destroy();
  }
}

export class SerializedPGliteDialect extends PGliteDialect {
  override createDriver(): Driver {
    return new SerializedDriver(super.createDriver());
  }
}
