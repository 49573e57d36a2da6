package dev.tollgate.gateway.store;

/** The two databases Tollgate runs on. Migrations live in {@code db/migration/common} plus a per-dialect folder. */
public enum Dialect {
  SQLITE("sqlite"),
  POSTGRESQL("postgresql");

  private final String folder;

  Dialect(String folder) {
    this.folder = folder;
  }

  /** The dialect-specific migration folder under {@code db/migration/}. */
  public String folder() {
    return folder;
  }
}
