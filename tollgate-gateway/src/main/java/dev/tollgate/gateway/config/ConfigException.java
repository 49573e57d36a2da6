package dev.tollgate.gateway.config;

/**
 * A config file that cannot be used. The message is meant for a person: it names the file, the line and the field path,
 * e.g. {@code config.yaml line 7: model_list[1].litellm_params.rpm must be a number, got "abc"}.
 */
public final class ConfigException extends RuntimeException {
  private final String source;
  private final int line;
  private final String path;

  public ConfigException(String message) {
    this(message, null, 0, null, null);
  }

  public ConfigException(String message, Throwable cause) {
    this(message, null, 0, null, cause);
  }

  private ConfigException(String message, String source, int line, String path, Throwable cause) {
    super(message, cause);
    this.source = source;
    this.line = line;
    this.path = path;
  }

  /** A problem with the value at {@code path}, located at {@code origin}; {@code problem} follows the path. */
  static ConfigException at(ConfigNode.Origin origin, String path, String problem) {
    return new ConfigException(origin.describe() + ": " + path + " " + problem, origin.source(), origin.line(), path, null);
  }

  /** A problem located at {@code origin} that is not about one field (e.g. a YAML syntax error). */
  static ConfigException located(ConfigNode.Origin origin, String problem, Throwable cause) {
    return new ConfigException(origin.describe() + ": " + problem, origin.source(), origin.line(), null, cause);
  }

  /** The file the problem is in, or null if unknown. */
  public String source() {
    return source;
  }

  /** The 1-based line of the offending value, or 0 if unknown. */
  public int line() {
    return line;
  }

  /** The dotted field path, e.g. {@code model_list[1].litellm_params.rpm}, or null if the problem is not about a field. */
  public String path() {
    return path;
  }
}
