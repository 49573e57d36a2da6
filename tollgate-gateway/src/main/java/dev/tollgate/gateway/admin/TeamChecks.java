package dev.tollgate.gateway.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.entities.EntityStore;
import dev.tollgate.gateway.entities.EntityTables;
import java.sql.Connection;
import java.sql.SQLException;

/** Looks a team up or answers LiteLLM's 404. Blocking. */
final class TeamChecks {
  private TeamChecks() {}

  static ObjectNode existing(Connection c, String teamId) throws SQLException {
    return EntityStore.findIn(c, EntityTables.TEAMS, teamId).orElseThrow(() -> Replies.notFound(
        "Team not found, passed team_id=" + teamId, "team_id"));
  }
}
