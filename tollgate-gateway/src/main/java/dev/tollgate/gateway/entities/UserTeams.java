package dev.tollgate.gateway.entities;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.types.Json;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Keeps {@code tg_users.teams} (LiteLLM's {@code LiteLLM_UserTable.teams}) equal to the user's rows in
 * {@code tg_team_members}, which is where membership and roles really live.
 */
public final class UserTeams {
  private UserTeams() {}

  /** Rewrites the user's {@code teams} list from its memberships; nothing when the user does not exist. */
  public static void sync(Connection c, String userId, long now) throws SQLException {
    ArrayNode teams = Json.MAPPER.createArrayNode();
    Membership.TEAM.groupsOf(c, userId).keySet().forEach(teams::add);
    ObjectNode change = Json.object();
    change.set("teams", teams);
    change.put("updated_at", now);
    EntityStore.update(c, EntityTables.USERS, userId, change);
  }
}
