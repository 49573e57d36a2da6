package dev.tollgate.gateway.sso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.ControlPlane;
import dev.tollgate.gateway.auth.Role;
import dev.tollgate.gateway.entities.EntityTables;
import dev.tollgate.gateway.keys.KeyStore;
import dev.tollgate.gateway.keys.Keys;
import dev.tollgate.gateway.keys.VirtualKey;
import dev.tollgate.gateway.support.TestDatabase;
import dev.tollgate.providers.types.Json;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The SSO user upsert and the session keys on a real database; run once per database by the subclasses. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SsoUsersContract {
  private static final long NOW = 1_800_000_000_000L;
  private TestDatabase testDb;
  private ControlPlane plane;

  abstract TestDatabase newDatabase();

  @BeforeAll
  void open() {
    testDb = newDatabase();
    plane = ControlPlane.open(testDb.url());
  }

  @AfterAll
  void close() {
    if (plane != null) {
      plane.close();
    }
    if (testDb != null) {
      testDb.close();
    }
  }

  @Test
  void aFirstLoginCreatesTheUserFromTheDefaults() {
    SsoPolicy policy = policy(null, false, new NewUserDefaults(Role.INTERNAL_USER, 4.0, "7d", List.of("m1")));
    SsoUsers.SignedIn in = SsoUsers.upsert(plane.entities(), who("new-1", "new-1@example.com", null), policy, NOW);
    assertThat(in).isEqualTo(new SsoUsers.SignedIn("new-1", Role.INTERNAL_USER, "new-1@example.com", true));
    ObjectNode row = user("new-1");
    assertThat(row.path("sso_user_id").asText()).isEqualTo("new-1");
    assertThat(row.path("max_budget").asDouble()).isEqualTo(4.0);
    assertThat(row.path("budget_duration").asText()).isEqualTo("7d");
    assertThat(row.path("budget_reset_at").asLong()).isEqualTo(NOW + 7L * 24 * 3600 * 1000);
    assertThat(row.path("models").toString()).isEqualTo("[\"m1\"]");
    assertThat(row.path("metadata").path("auth_provider").asText()).isEqualTo("generic");
    assertThat(audits("new-1")).isEqualTo(1);
  }

  @Test
  void aKnownUserIsFoundByIdThenSsoIdThenEmail() {
    SsoPolicy policy = policy(null, false, null);
    insert("{\"user_id\": \"u-by-email\", \"user_email\": \"Mixed@Example.COM\", \"user_role\": \"internal_user\"}");
    insert("{\"user_id\": \"u-by-sso\", \"sso_user_id\": \"sso-7\", \"user_role\": \"internal_user\"}");
    assertThat(SsoUsers.upsert(plane.entities(), who("sso-7", null, null), policy, NOW).userId())
        .isEqualTo("u-by-sso");
    SsoUsers.SignedIn byEmail = SsoUsers.upsert(plane.entities(), who("sub-9", "mixed@example.com", null), policy,
        NOW);
    assertThat(byEmail).isEqualTo(new SsoUsers.SignedIn("u-by-email", Role.INTERNAL_USER, "mixed@example.com",
        false));
    assertThat(user("u-by-email").path("sso_user_id").asText()).isEqualTo("sub-9");
    assertThat(plane.entities().find(EntityTables.USERS, "sub-9")).isEmpty();
    // found by its own id next time, with nothing left to change
    int before = audits("u-by-email");
    SsoUsers.upsert(plane.entities(), who("u-by-email", "mixed@example.com", null), policy, NOW);
    assertThat(audits("u-by-email")).isEqualTo(before);
  }

  @Test
  void theProvidersRoleReplacesTheStoredOneAndNoRoleKeepsIt() {
    SsoPolicy policy = policy(null, false, null);
    insert("{\"user_id\": \"r-1\", \"user_role\": \"internal_user\"}");
    assertThat(SsoUsers.upsert(plane.entities(), who("r-1", null, null), policy, NOW).role())
        .isEqualTo(Role.INTERNAL_USER);
    assertThat(SsoUsers.upsert(plane.entities(), who("r-1", null, Role.PROXY_ADMIN_VIEWER), policy, NOW).role())
        .isEqualTo(Role.PROXY_ADMIN_VIEWER);
    assertThat(user("r-1").path("user_role").asText()).isEqualTo("proxy_admin_viewer");
  }

  @Test
  void proxyAdminIdAndAdminOnly() {
    assertThat(SsoUsers.upsert(plane.entities(), who("chief", null, Role.INTERNAL_USER), policy("chief", true, null),
        NOW).role()).isEqualTo(Role.PROXY_ADMIN);
    assertThatThrownBy(() -> SsoUsers.upsert(plane.entities(), who("plain", null, null), policy(null, true, null),
        NOW)).isInstanceOf(SsoFailure.class).hasMessageContaining("admins only");
    assertThat(plane.entities().find(EntityTables.USERS, "plain")).isEmpty();
    assertThat(audits("plain")).isZero();
  }

  @Test
  void sessionKeysAreLeftOutOfKeyListsAndRevokedOnLogout() {
    SsoPolicy policy = policy(null, false, null);
    SsoUsers.SignedIn in = SsoUsers.upsert(plane.entities(), who("lister", null, Role.INTERNAL_USER), policy, NOW);
    VirtualKey.Builder regular = new VirtualKey.Builder();
    regular.token = Keys.hash("sk-regular-key-of-lister");
    regular.keyName = "sk-...ster";
    regular.userId = "lister";
    regular.createdAt = NOW;
    regular.updatedAt = NOW;
    plane.keys().insert(regular.build());
    SessionKeys.Issued issued = SessionKeys.issue(plane, in, policy, "generic", NOW);
    assertThat(issued.row().teamId()).isEqualTo(KeyStore.UI_SESSION_TEAM_ID);
    assertThat(issued.row().expires()).isEqualTo(NOW + 24L * 3600 * 1000);
    assertThat(issued.row().maxBudget()).isEqualTo(1.0);
    assertThat(SessionKeys.isSession(plane.keys().find(Keys.hash(issued.key())).orElseThrow())).isTrue();
    assertThat(SessionKeys.isSession(plane.keys().find(regular.token).orElseThrow())).isFalse();

    KeyStore.Page page = plane.keys().list("lister", null, null, 1, 10);
    assertThat(page.keys()).extracting(VirtualKey::token).containsExactly(regular.token);
    assertThat(page.total()).isEqualTo(1);

    SessionKeys.revoke(plane, issued.row());
    assertThat(plane.keys().find(Keys.hash(issued.key()))).isEmpty();
    assertThat(plane.keys().find(regular.token)).isPresent();
  }

  private static SsoPolicy policy(String adminId, boolean adminOnly, NewUserDefaults defaults) {
    return new SsoPolicy(List.of(), adminId, adminOnly, null, defaults, null, SsoPolicy.DEFAULT_SESSION_BUDGET);
  }

  private static SsoIdentity who(String id, String email, Role role) {
    return new SsoIdentity(id, email, null, role, "generic");
  }

  private ObjectNode user(String id) {
    return plane.entities().find(EntityTables.USERS, id).orElseThrow();
  }

  private void insert(String json) {
    ObjectNode row = (ObjectNode) Json.tree(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    row.put("created_at", NOW - 1000);
    row.put("updated_at", NOW - 1000);
    plane.entities().insert(EntityTables.USERS, row);
  }

  private int audits(String userId) {
    return plane.database().inline(c -> {
      try (var s = c.prepareStatement("SELECT COUNT(*) FROM tg_audit_log WHERE table_name = 'tg_users' "
          + "AND object_id = ?")) {
        s.setString(1, userId);
        try (var r = s.executeQuery()) {
          r.next();
          return r.getInt(1);
        }
      }
    });
  }
}
