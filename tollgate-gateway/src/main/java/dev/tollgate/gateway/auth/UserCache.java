package dev.tollgate.gateway.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tollgate.gateway.entities.EntityStore;
import dev.tollgate.gateway.entities.EntityTables;
import dev.tollgate.gateway.entities.Membership;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * User id to {@link UserAccess}, in memory, like {@code KeyCache} for keys: a management request by a virtual key
 * resolves its user's role from here. A miss loads the user and its team memberships on the database executor.
 * {@code /user/update}, {@code /user/delete} and team membership changes call {@link #invalidate}; other instances
 * see a change within {@link #TTL}.
 */
public final class UserCache {
  /** LiteLLM's {@code DEFAULT_MANAGEMENT_OBJECT_IN_MEMORY_CACHE_TTL}. */
  public static final Duration TTL = Duration.ofSeconds(60);

  private final EntityStore store;
  private final AsyncCache<String, Optional<UserAccess>> cache;
  private final AtomicLong loads = new AtomicLong();

  public UserCache(EntityStore store) {
    this.store = store;
    // upkeep on the caller's thread, loads on the database pool (see KeyCache)
    this.cache = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(TTL)
        .executor(Runnable::run).buildAsync();
  }

  /** The user's access; an already-completed future when cached. */
  public CompletableFuture<Optional<UserAccess>> get(String userId) {
    return cache.get(userId,
        (id, ignored) -> CompletableFuture.supplyAsync(() -> load(id), store.database().executor()));
  }

  /** How many times a user was loaded from the database (tests check the cache spares it). */
  public long loads() {
    return loads.get();
  }

  public void invalidate(String userId) {
    if (userId != null) {
      cache.synchronous().invalidate(userId);
    }
  }

  public void invalidateAll() {
    cache.synchronous().invalidateAll();
  }

  private Optional<UserAccess> load(String userId) {
    loads.incrementAndGet();
    return store.database().inline(c -> {
      Optional<ObjectNode> row = EntityStore.findIn(c, EntityTables.USERS, userId);
      if (row.isEmpty()) {
        return Optional.empty();
      }
      Map<String, String> teams = new java.util.LinkedHashMap<>(Membership.TEAM.groupsOf(c, userId));
      Map<String, String> orgs = Membership.ORGANIZATION.groupsOf(c, userId);
      for (Map.Entry<String, String> o : orgs.entrySet()) {
        if (Role.ORG_ADMIN.wire().equals(o.getValue())) {
          for (String team : teamsOf(c, o.getKey())) {
            teams.put(team, "admin"); // an org admin administers every team of its organization
          }
        }
      }
      return Optional.of(of(row.get(), teams, orgs));
    });
  }

  private static List<String> teamsOf(java.sql.Connection c, String organizationId) throws java.sql.SQLException {
    List<String> out = new ArrayList<>();
    try (java.sql.PreparedStatement s = c.prepareStatement(
        "SELECT team_id FROM tg_teams WHERE organization_id = ? ORDER BY team_id")) {
      s.setString(1, organizationId);
      try (java.sql.ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(r.getString(1));
        }
      }
    }
    return out;
  }

  /** The access a stored user row grants. */
  public static UserAccess of(ObjectNode row, Map<String, String> teamRoles) {
    return of(row, teamRoles, Map.of());
  }

  /** The access a stored user row grants, with its organization memberships. */
  public static UserAccess of(ObjectNode row, Map<String, String> teamRoles, Map<String, String> orgRoles) {
    Role role = Role.parse(row.path("user_role").asText(null));
    List<String> models = new ArrayList<>();
    row.path("models").forEach(m -> models.add(m.asText()));
    return new UserAccess(row.path("user_id").asText(), role == null ? Role.INTERNAL_USER : role, models,
        number(row.get("max_budget")), longOrNull(row.get("tpm_limit")), longOrNull(row.get("rpm_limit")),
        teamRoles, orgRoles);
  }

  private static Double number(JsonNode v) {
    return v == null || v.isNull() ? null : v.asDouble();
  }

  private static Long longOrNull(JsonNode v) {
    return v == null || v.isNull() ? null : v.asLong();
  }
}
