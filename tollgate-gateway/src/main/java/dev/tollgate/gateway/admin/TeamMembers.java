package dev.tollgate.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.auth.Role;
import dev.tollgate.gateway.entities.EntityStore;
import dev.tollgate.gateway.entities.EntityTables;
import dev.tollgate.gateway.entities.Membership;
import dev.tollgate.gateway.http.ApiError;
import dev.tollgate.providers.types.Json;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Team members as LiteLLM's bodies name them: {@code {"role": "admin"|"user", "user_id": ..}} or with
 * {@code user_email}. A member that is not a user yet becomes one ({@code internal_user}, no key), as LiteLLM's
 * {@code add_new_member} does.
 */
final class TeamMembers {
  static final Set<String> ROLES = Set.of("admin", "user");

  /** One member as asked for: an id, an e-mail, or both. */
  record Member(String userId, String userEmail, String role) {}

  private TeamMembers() {}

  /** The members in {@code v}: one member object or an array of them. */
  static List<Member> parse(String field, JsonNode v, boolean needRole) {
    List<Member> out = new ArrayList<>();
    if (v == null || v.isNull()) {
      return out;
    }
    for (JsonNode m : v.isArray() ? v : Json.MAPPER.createArrayNode().add(v)) {
      if (!m.isObject()) {
        throw ApiError.badRequest("'" + field + "' must be a member object {\"role\": \"user\", \"user_id\": "
            + "\"...\"} or an array of them", field);
      }
      EntityFields.only((ObjectNode) m, Set.of("role", "user_id", "user_email"));
      String id = EntityFields.optionalString((ObjectNode) m, "user_id");
      String email = EntityFields.optionalString((ObjectNode) m, "user_email");
      String role = EntityFields.optionalString((ObjectNode) m, "role");
      if ((id == null || id.isBlank()) && (email == null || email.isBlank())) {
        throw ApiError.badRequest("each member of '" + field + "' needs 'user_id' or 'user_email'", field);
      }
      if (role == null && needRole) {
        role = "user";
      }
      if (role != null && !ROLES.contains(role)) {
        throw ApiError.badRequest("member role must be 'admin' or 'user', got '" + role + "'", field);
      }
      out.add(new Member(id, email, role));
    }
    return out;
  }

  /** The user id of {@code m}, creating the user when it does not exist yet. */
  static String ensureUser(Connection c, Member m, long now) throws SQLException {
    if (m.userId() != null && EntityStore.findIn(c, EntityTables.USERS, m.userId()).isPresent()) {
      return m.userId();
    }
    if (m.userId() == null) {
      Optional<String> byEmail = UserLookup.idByEmail(c, m.userEmail(), null);
      if (byEmail.isPresent()) {
        return byEmail.get();
      }
    }
    ObjectNode user = Json.object();
    String id = m.userId() != null ? m.userId() : UUID.randomUUID().toString();
    user.put("user_id", id);
    user.put("user_email", m.userEmail());
    user.put("user_role", Role.INTERNAL_USER.wire());
    user.put("created_at", now);
    user.put("updated_at", now);
    EntityStore.insert(c, EntityTables.USERS, user);
    return id;
  }

  /** The user id of an existing member given by id or e-mail, else a 404. */
  static String existingUser(Connection c, Member m) throws SQLException {
    if (m.userId() != null) {
      return m.userId();
    }
    return UserLookup.idByEmail(c, m.userEmail(), null).orElseThrow(() -> Replies.notFound(
        "User with email " + m.userEmail() + " not found", "user_email"));
  }

  /** LiteLLM's {@code members_with_roles}: {@code [{"role", "user_id", "user_email"}]}. */
  static ArrayNode withRoles(Connection c, String teamId) throws SQLException {
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (Map.Entry<String, String> e : Membership.TEAM.members(c, teamId).entrySet()) {
      ObjectNode m = out.addObject();
      m.put("role", e.getValue());
      m.put("user_id", e.getKey());
      m.put("user_email", EntityStore.findIn(c, EntityTables.USERS, e.getKey())
          .map(u -> u.path("user_email").asText(null)).orElse(null));
    }
    return out;
  }

  /** A team row as LiteLLM shows it: its columns plus {@code members_with_roles}. */
  static ObjectNode teamJson(Connection c, ObjectNode team) throws SQLException {
    ObjectNode o = EntityJson.of(EntityTables.TEAMS, team);
    o.set("members_with_roles", withRoles(c, team.path("team_id").asText()));
    return o;
  }
}
