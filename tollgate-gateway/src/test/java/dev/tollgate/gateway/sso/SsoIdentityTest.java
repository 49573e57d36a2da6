package dev.tollgate.gateway.sso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.auth.Role;
import dev.tollgate.providers.types.Json;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading the user from the provider's claims: names, nested paths, roles and groups. */
class SsoIdentityTest {
  private static final RoleMapping GROUPS = new RoleMapping("realm.groups", Map.of(
      Role.INTERNAL_USER, List.of("staff"), Role.PROXY_ADMIN_VIEWER, List.of("audit"),
      Role.PROXY_ADMIN, List.of("ops")), null);

  @Test
  void readsNestedClaimsAndTheProvidersName() {
    SsoIdentity who = SsoIdentity.of(generic("attributes.uid", "role"), RoleMapping.NONE,
        claims("{\"attributes\": {\"uid\": 42, \"mail\": \"x\"}, \"email\": \"u@example.com\", \"name\": \"U\"}"));
    assertThat(who).isEqualTo(new SsoIdentity("42", "u@example.com", "U", null, "generic"));
  }

  @Test
  void theRoleClaimWinsWhenItNamesARoleElseTheGroupsDecide() {
    SsoProvider p = generic("sub", "role");
    assertThat(SsoIdentity.of(p, GROUPS, claims("{\"sub\": \"a\", \"role\": \"proxy_admin_viewer\", "
        + "\"realm\": {\"groups\": [\"ops\"]}}")).role()).isEqualTo(Role.PROXY_ADMIN_VIEWER);
    assertThat(SsoIdentity.of(p, GROUPS, claims("{\"sub\": \"a\", \"role\": \"wizard\", "
        + "\"realm\": {\"groups\": [\"staff\", \"audit\"]}}")).role()).isEqualTo(Role.PROXY_ADMIN_VIEWER);
    assertThat(SsoIdentity.of(p, GROUPS, claims("{\"sub\": \"a\", \"role\": [\"internal_user\", \"proxy_admin\"]}"))
        .role()).isEqualTo(Role.PROXY_ADMIN);
    assertThat(SsoIdentity.of(p, GROUPS, claims("{\"sub\": \"a\", \"realm\": {\"groups\": \"staff\"}}")).role())
        .isEqualTo(Role.INTERNAL_USER);
    assertThat(SsoIdentity.of(p, GROUPS, claims("{\"sub\": \"a\"}")).role()).isNull();
    RoleMapping withDefault = new RoleMapping("groups", Map.of(), Role.INTERNAL_USER);
    assertThat(SsoIdentity.of(p, withDefault, claims("{\"sub\": \"a\"}")).role()).isEqualTo(Role.INTERNAL_USER);
  }

  @Test
  void theIdFallsBackToTheEmailAndAnAnswerWithNeitherIsRefused() {
    SsoProvider p = generic("preferred_username", "role");
    assertThat(SsoIdentity.of(p, RoleMapping.NONE, claims("{\"email\": \"e@example.com\"}")).userId())
        .isEqualTo("e@example.com");
    assertThatThrownBy(() -> SsoIdentity.of(p, RoleMapping.NONE, claims("{\"sub\": \"s\"}")))
        .isInstanceOf(SsoFailure.class).hasMessageContaining("no 'preferred_username' claim and no e-mail");
  }

  @Test
  void googleNeedsAVerifiedEmailAndMicrosoftFallsBackToMail() {
    SsoProvider google = SsoSettingsReader.read(Map.of("GOOGLE_CLIENT_ID", "g", "GOOGLE_CLIENT_SECRET", "s"),
        Map.of(), Map.of()).provider();
    assertThat(SsoIdentity.of(google, RoleMapping.NONE, claims("{\"sub\": \"1\", \"email\": \"a@b.c\", "
        + "\"email_verified\": true}")).authProvider()).isEqualTo("google");
    assertThatThrownBy(() -> SsoIdentity.of(google, RoleMapping.NONE, claims("{\"sub\": \"1\", \"email\": \"a@b.c\", "
        + "\"email_verified\": false}"))).hasMessageContaining("not verified");
    SsoProvider ms = SsoSettingsReader.read(Map.of("MICROSOFT_CLIENT_ID", "m", "MICROSOFT_CLIENT_SECRET", "s",
        "MICROSOFT_TENANT", "t"), Map.of(), Map.of()).provider();
    SsoIdentity who = SsoIdentity.of(ms, RoleMapping.NONE, claims("{\"id\": \"oid-1\", \"mail\": \"m@corp.com\", "
        + "\"displayName\": \"M\"}"));
    assertThat(who).isEqualTo(new SsoIdentity("oid-1", "m@corp.com", "M", null, "microsoft"));
  }

  private static SsoProvider generic(String idClaim, String roleClaim) {
    return new SsoProvider("generic", "c", "s", URI.create("https://i/a"), URI.create("https://i/t"),
        URI.create("https://i/u"), "openid", false, false, Map.of(),
        new ClaimNames(idClaim, "email", null, "name", null, null, roleClaim, "provider", false));
  }

  private static JsonNode claims(String json) {
    return Json.tree(json.getBytes(StandardCharsets.UTF_8));
  }
}
