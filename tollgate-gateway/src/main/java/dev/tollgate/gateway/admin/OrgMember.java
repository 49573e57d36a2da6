package dev.tollgate.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.http.ApiError;
import dev.tollgate.providers.types.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A member in {@code /organization/member_add}: {@code {"role", "user_id"|"user_email"}}, one or a list. */
record OrgMember(String userId, String userEmail, String role) {
  static List<OrgMember> parse(JsonNode v, Set<String> roles) {
    if (v == null || v.isNull() || (v.isArray() && v.isEmpty())) {
      throw ApiError.badRequest("'member' is required: {\"role\": \"internal_user\", \"user_id\": \"...\"} or a list",
          "member");
    }
    List<OrgMember> out = new ArrayList<>();
    for (JsonNode m : v.isArray() ? v : Json.MAPPER.createArrayNode().add(v)) {
      if (!m.isObject()) {
        throw ApiError.badRequest("'member' must be an object or an array of objects", "member");
      }
      ObjectNode o = (ObjectNode) m;
      EntityFields.only(o, Set.of("role", "user_id", "user_email"));
      String id = EntityFields.optionalString(o, "user_id");
      String email = EntityFields.optionalString(o, "user_email");
      String role = EntityFields.optionalString(o, "role");
      if ((id == null || id.isBlank()) && (email == null || email.isBlank())) {
        throw ApiError.badRequest("each member needs 'user_id' or 'user_email'", "member");
      }
      if (role == null || !roles.contains(role)) {
        throw ApiError.badRequest("member 'role' must be one of " + new java.util.TreeSet<>(roles) + ", got "
            + (role == null ? "nothing" : "'" + role + "'"), "member");
      }
      out.add(new OrgMember(id, email, role));
    }
    return out;
  }
}
