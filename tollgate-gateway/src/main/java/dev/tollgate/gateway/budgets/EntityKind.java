package dev.tollgate.gateway.budgets;

/**
 * The entities above a virtual key that carry budgets and limits, with the name LiteLLM's limiter gives each
 * ({@code parallel_request_limiter_v3} descriptors) and the name used in messages.
 */
public enum EntityKind {
  USER("user", "User"),
  TEAM("team", "Team"),
  ORGANIZATION("organization", "Organization"),
  END_USER("end_user", "End User"),
  /** A user inside one team ({@code tg_team_members}); its id is {@link #memberId}. */
  TEAM_MEMBER("team_member", "Team Member");

  /** Separates the team and user ids in a {@link #TEAM_MEMBER} id (ids never hold control characters). */
  public static final char MEMBER_SEPARATOR = '\u001f';

  private final String id;
  private final String display;

  EntityKind(String id, String display) {
    this.id = id;
    this.display = display;
  }

  /** Lowercase name: counter prefix, pending-spend prefix and rate-limit descriptor. */
  public String id() {
    return id;
  }

  /** As LiteLLM names it in messages ({@code Team=...}, {@code End User=...}). */
  public String display() {
    return display;
  }

  /** The id of user {@code userId}'s membership of team {@code teamId}. */
  public static String memberId(String teamId, String userId) {
    return teamId + MEMBER_SEPARATOR + userId;
  }

  /** The kind named {@code id} ({@code user}, {@code team}, {@code organization}, {@code end_user}), or null. */
  public static EntityKind of(String id) {
    for (EntityKind k : values()) {
      if (k.id.equals(id)) {
        return k;
      }
    }
    return null;
  }
}
