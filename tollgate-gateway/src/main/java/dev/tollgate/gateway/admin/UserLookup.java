package dev.tollgate.gateway.admin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Finds users by e-mail (for {@code user_email} in /user/update and team member calls). Blocking. */
final class UserLookup {
  private UserLookup() {}

  /** The id of a user with this e-mail other than {@code exceptId}. */
  static Optional<String> idByEmail(Connection c, String email, String exceptId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT user_id FROM tg_users WHERE user_email = ?"
        + (exceptId == null ? "" : " AND user_id <> ?") + " ORDER BY created_at LIMIT 1")) {
      s.setString(1, email);
      if (exceptId != null) {
        s.setString(2, exceptId);
      }
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
      }
    }
  }
}
