package dev.tollgate.gateway.entities;

/**
 * One column of an entity table and how its value travels: as JSON in requests and replies, as a JDBC value in the
 * database. JSON lists and objects are TEXT columns; times are epoch milliseconds (BIGINT, UTC).
 */
public record Column(String name, Kind kind) {
  /** The value kinds the control-plane tables use. */
  public enum Kind {
    /** a string */
    TEXT,
    /** a JSON array of strings, stored as TEXT */
    LIST,
    /** a JSON object, stored as TEXT */
    OBJECT,
    /** USD, DOUBLE PRECISION, not negative */
    MONEY,
    /** a whole number, BIGINT or INTEGER, not negative */
    COUNT,
    BOOL,
    /** epoch milliseconds; ISO-8601 UTC in replies */
    TIME,
    /** a LiteLLM duration string such as {@code 30d}, TEXT */
    DURATION
  }

  public static Column text(String name) {
    return new Column(name, Kind.TEXT);
  }

  public static Column list(String name) {
    return new Column(name, Kind.LIST);
  }

  public static Column object(String name) {
    return new Column(name, Kind.OBJECT);
  }

  public static Column money(String name) {
    return new Column(name, Kind.MONEY);
  }

  public static Column count(String name) {
    return new Column(name, Kind.COUNT);
  }

  public static Column bool(String name) {
    return new Column(name, Kind.BOOL);
  }

  public static Column time(String name) {
    return new Column(name, Kind.TIME);
  }

  public static Column duration(String name) {
    return new Column(name, Kind.DURATION);
  }
}
