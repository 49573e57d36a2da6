package dev.tollgate.gateway.sso;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.auth.Role;
import java.util.ArrayList;
import java.util.List;

/**
 * Who the identity provider says signed in, read from its claims with the configured {@link ClaimNames}.
 *
 * @param userId the claim named by the id attribute, else the e-mail (LiteLLM falls back to the e-mail as well)
 * @param role the role the provider asserts: the role claim when it holds a LiteLLM role name, else what the
 *     {@link RoleMapping} makes of the groups claim; null when the provider says nothing about roles
 * @param authProvider the provider claim, else the client's name ({@code generic}, {@code google}, {@code microsoft})
 */
public record SsoIdentity(String userId, String email, String displayName, Role role, String authProvider) {

  static SsoIdentity of(SsoProvider provider, RoleMapping mapping, JsonNode claims) {
    ClaimNames names = provider.claims();
    String email = Claims.text(claims, names.email());
    if (email == null && names.fallbackEmail() != null) {
      email = Claims.text(claims, names.fallbackEmail());
    }
    if (names.requireVerifiedEmail() && email != null) {
      JsonNode verified = Claims.at(claims, "email_verified");
      if (verified == null || !(verified.asBoolean() || "true".equals(verified.asText()))) {
        throw SsoFailure.refused(403, "The identity provider has not verified the e-mail address " + email + ".");
      }
    }
    String id = Claims.text(claims, names.id());
    if (id == null) {
      id = email;
    }
    if (id == null) {
      throw SsoFailure.provider("The identity provider's answer names no user: it has no '" + names.id()
          + "' claim and no e-mail. Set GENERIC_USER_ID_ATTRIBUTE to a claim it sends (e.g. sub).");
    }
    String display = Claims.text(claims, names.displayName());
    String upstream = names.provider() == null ? null : Claims.text(claims, names.provider());
    return new SsoIdentity(id, email, display, role(names, mapping, claims),
        upstream == null ? provider.name() : upstream);
  }

  private static Role role(ClaimNames names, RoleMapping mapping, JsonNode claims) {
    if (names.role() != null) {
      JsonNode v = Claims.at(claims, names.role());
      List<Role> asserted = new ArrayList<>();
      if (v != null && v.isArray()) {
        v.forEach(x -> addRole(asserted, x.asText()));
      } else if (v != null && v.isValueNode()) {
        addRole(asserted, v.asText());
      }
      Role best = RoleMapping.mostPrivileged(asserted);
      if (best != null) {
        return best;
      }
    }
    return mapping.resolve(claims);
  }

  private static void addRole(List<Role> roles, String name) {
    Role r = Role.parse(name.strip());
    if (r != null) {
      roles.add(r);
    }
  }
}
